#!/usr/bin/env bash
# CI checks for the article stage (issue 4):
# 1. data/districts.tsv is exactly what scripts/gen_gazetteer.py makes from
#    PyPI vietnam-provinces==0.6.0 (the build itself never needs Python);
# 2. the article tests pass;
# 3. the seeds' pages in headless Chromium show no boilerplate.
# Idempotent: the venv lives in a temp folder and is removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! python3 -m venv --help >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq python3-venv
fi
venv="$(mktemp -d)"
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install -q vietnam-provinces==0.6.0
"$venv/bin/python" scripts/gen_gazetteer.py > "$venv/districts.tsv"
if ! diff -u data/districts.tsv "$venv/districts.tsv"; then
    echo "data/districts.tsv differs from what scripts/gen_gazetteer.py generates" >&2
    exit 1
fi
echo "gazetteer: data/districts.tsv matches vietnam-provinces==0.6.0"

cargo test --quiet --test articles
cargo test --quiet --lib -- article:: gazetteer::

# 3. The seeds' pages, rendered by headless Chromium, show no boilerplate.
if ! command -v chromium >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq chromium
fi
cargo test --quiet --test article_pages_browser -- --ignored
