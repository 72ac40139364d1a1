#!/usr/bin/env bash
# The test command of the README: type-check, build (the e2e suites run the built apps as
# separate processes), then every jest tier. Suites that need a server say when they skip.
set -uo pipefail
cd "$(dirname "$0")/.."
npm run --silent typecheck || exit 1
npm run --silent build || exit 1
mkdir -p .cache
node_modules/.bin/jest --selectProjects unit contract e2e --json --outputFile=.cache/jest-results.json "$@"
status=$?
if [[ -f .cache/jest-results.json ]]; then
  node scripts/test-summary.mjs .cache/jest-results.json || status=1
fi
exit $status
