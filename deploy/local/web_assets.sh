#!/usr/bin/env bash
# Installs the usager pages' npm packages (DSFR, axe-core) and copies the DSFR files into booking's
# git-ignored static folder. Idempotent: does nothing when the lock file and the build did not change.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
web="$here/services/booking/web"
static="$here/services/booking/src/booking/entrypoints/web/static/dsfr"
stamp="$web/.build-stamp"
wanted="$(cat "$web/package-lock.json" "$web/build.mjs" | sha256sum | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted" && -f "$static/dsfr.min.css" ]]; then
  echo "web assets: up to date"
  exit 0
fi
cd "$web"
npm ci --no-audit --no-fund --ignore-scripts
npm run build
echo "$wanted" > "$stamp"
echo "web assets: built into $static"
