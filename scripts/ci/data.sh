#!/usr/bin/env bash
# The open-data files read cleanly in pandas: every CSV of a build of the
# samples loads with warnings turned into errors, with the row counts that
# archive.json states. Installs pandas if needed; idempotent.
set -euo pipefail
cd "$(dirname "$0")/../.."

python3 -c 'import pandas' 2>/dev/null || python3 -m pip install --quiet pandas

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
out="$tmp/site"
cargo build --quiet
./target/debug/vanban build --output "$out" >/dev/null

python3 -W error - "$out/data" <<'PY'
import json, sys, warnings
import pandas as pd

data = sys.argv[1]
with open(f"{data}/archive.json", encoding="utf-8") as f:
    archive = json.load(f)
expected_columns = {
    "articles": ["slug", "file", "title", "date", "province", "source", "author", "citations"],
    "citations": ["article_slug", "article_title", "article_date", "province",
                  "directive_key", "text", "sentence", "line"],
    "directives": ["key", "kind", "number", "code", "issuer", "date", "scope", "title",
                   "citing_articles", "first_cited", "last_cited"],
    "relations": ["from_key", "relation", "to_key", "count"],
}
with warnings.catch_warnings():
    warnings.simplefilter("error")
    for table, columns in expected_columns.items():
        # Default encoding on purpose: pandas must drop the BOM by itself.
        df = pd.read_csv(f"{data}/{table}.csv", keep_default_na=False, dtype=str)
        assert list(df.columns) == columns, (table, list(df.columns))
        assert len(df) == len(archive[table]), (table, len(df), len(archive[table]))
        # Cell for cell the same as archive.json (null = empty cell).
        for i, item in enumerate(archive[table]):
            for c in columns:
                v = item[c]
                want = "" if v is None else str(v)
                assert df.at[i, c] == want, (table, i, c, df.at[i, c], want)
        print(f"{table}.csv: {len(df)} rows, {len(columns)} columns: ok")
    cit = pd.read_csv(f"{data}/citations.csv")
    assert set(cit["directive_key"]) <= set(pd.read_csv(f"{data}/directives.csv")["key"])
print("pandas reads every CSV without warnings")
PY
