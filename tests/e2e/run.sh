#!/usr/bin/env bash
# Runs the danvan browser suite: installs the pinned npm packages when
# node_modules is missing (or older than package-lock.json), then `npm test`.
# Needs: Node 20+, Java 17 (Nu Html Checker), Debian's /usr/bin/chromium and
# a release build (`cargo build --release -p danvan`, or set DANVAN_BIN).
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --ignore-scripts --no-audit --no-fund
fi

exec npm test
