#!/usr/bin/env bash
# The Nu Html Checker (npm vnu-jar, run with java) on every page of a fresh build; lists its errors, separating those
# Material's own templates cause from the site's. Exits non-zero when the site's templates cause an error.
# Usage: scripts/nu-validate.sh   (installs vnu-jar into .tools/ from the npm registry on first use)
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS=.tools
JAR="$TOOLS/node_modules/vnu-jar/build/dist/vnu.jar"
if [ ! -f "$JAR" ]; then
  npm install --prefix "$TOOLS" --save-exact --no-audit --no-fund vnu-jar@26.9.27 >/dev/null
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict --quiet -d "$WORK/site"
java -jar "$JAR" --errors-only --format json --skip-non-html "$WORK/site" 2>"$WORK/vnu.json" || true
.venv/bin/python scripts/nu_report.py "$WORK/vnu.json" "$WORK/site"
