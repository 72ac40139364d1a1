#!/usr/bin/env bash
# The test command of the README: type-check, build (the e2e suites run the built apps as
# separate processes), then every jest tier. Suites that need a server say when they skip.
set -uo pipefail
cd "$(dirname "$0")/.."
# The suites run on Node 24 LTS. On a machine with an older Node, take it from the npm
# registry (as CI does) and build better-sqlite3 for it.
if [[ "$(node -p 'process.versions.node.split(".")[0]')" -lt 24 ]]; then
  echo "Node $(node --version) is older than the supported 24 LTS: using Node 24 from the npm registry" >&2
  eval "$(bash scripts/use-node-24.sh)" || exit 1
  node -e "require('better-sqlite3')(':memory:')" 2>/dev/null || npm rebuild better-sqlite3 >&2 || exit 1
fi
npm run --silent typecheck || exit 1
npm run --silent build || exit 1
mkdir -p .cache
node_modules/.bin/jest --selectProjects unit contract e2e --json --outputFile=.cache/jest-results.json "$@"
status=$?
if [[ -f .cache/jest-results.json ]]; then
  node scripts/test-summary.mjs .cache/jest-results.json || status=1
fi
exit $status
