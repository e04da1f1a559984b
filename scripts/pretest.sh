#!/usr/bin/env bash
# What `npm test` runs before jest: the Debian packages, then the static checks (types, lint,
# manifests) on one core while the other makes the builds the tests read (scripts/build-test.js:
# dist/ when stale, the add-ins and test pages into test-output/build/). Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
node scripts/build-test.js &
build=$!
# A failed check stops the build too.
trap 'kill "$build" 2>/dev/null || true' EXIT
npm run typecheck
npm run lint
npm run validate
wait "$build"
