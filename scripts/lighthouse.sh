#!/usr/bin/env bash
# Lighthouse 12.2.3 (mobile preset) on home, a narrative page, an actor page and the timeline, driving Debian's
# Chromium against the built site served with gzip on 127.0.0.1. Prints the four category scores per page.
# Usage: scripts/lighthouse.sh [PORT]   (installs lighthouse into .tools/ from the npm registry on first use)
#        SITE=path/to/built/site scripts/lighthouse.sh   measures an existing build instead of building one
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${1:-8765}"
TOOLS=.tools
PAGES=("" "visit/" "actors/sergei-lavrov/" "timeline/")
if [ ! -x "$TOOLS/node_modules/.bin/lighthouse" ]; then
  npm install --prefix "$TOOLS" --save-exact --no-audit --no-fund lighthouse@12.2.3 >/dev/null
fi
WORK="$(mktemp -d)"
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
if [ -z "${SITE:-}" ]; then
  SITE="$WORK/site"
  SITE_URL="http://127.0.0.1:$PORT/" NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict --quiet -d "$SITE"
fi
.venv/bin/python scripts/serve_gzip.py "$SITE" "$PORT" &
SERVER=$!
sleep 1
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
for page in "${PAGES[@]}"; do
  out="$WORK/report-${page//\//_}.json"
  "$TOOLS/node_modules/.bin/lighthouse" "http://127.0.0.1:$PORT/$page" --quiet --output=json --output-path="$out" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu"
  node -e '
    const r = require(process.argv[1]);
    const s = Object.values(r.categories).map(c => `${c.id} ${Math.round(c.score * 100)}`).join("  ");
    const failed = Object.values(r.audits)
      .filter(a => a.score !== null && a.score < 1 && ["binary", "numeric"].includes(a.scoreDisplayMode))
      .map(a => a.id);
    const m = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift"]
      .map(id => `${id.split("-").map(w => w[0]).join("").toUpperCase()} ${r.audits[id].displayValue}`).join(", ");
    console.log(`/${process.argv[2]}: ${s}  (${m})`);
    if (failed.length) console.log(`    below full marks: ${failed.join(", ")}`);
  ' "$out" "$page"
done
