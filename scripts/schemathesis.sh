#!/usr/bin/env bash
# Fuzzes both APIs from their OpenAPI documents with Schemathesis (pinned, from PyPI): every
# check and every phase (examples, coverage, fuzzing, stateful), on the embedded default
# started here on 127.0.0.1 with a token of its initial admin. Fails on any failure.
#   bash scripts/schemathesis.sh [seconds per API, default 240]   (SCHEMATHESIS_SEED: another seed)
# Needs a build (npm run build). Reports go to .cache/schemathesis/.
set -uo pipefail
cd "$(dirname "$0")/.."
budget="${1:-240}"
version=4.32.5
venv="${XDG_CACHE_HOME:-$HOME/.cache}/kroonika/schemathesis-$version"
if [[ ! -x "$venv/bin/st" ]]; then
  rm -rf "$venv"
  python3 -m venv "$venv" && "$venv/bin/pip" install --quiet "schemathesis==$version" ||
    { echo "Schemathesis $version could not be installed from PyPI"; exit 1; }
fi

work="$(mktemp -d)"
reports="$PWD/.cache/schemathesis"
scripts="$PWD/scripts"
mkdir -p "$reports"
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
command_port=$(free_port)
query_port=$(free_port)
projector_port=$(free_port)
export HOST=127.0.0.1 DATA_DIR="$work/data" BLOB_STORE_PATH="$work/data/blobs" \
  EVENT_STORE_URL="sqlite:$work/events.db" READ_STORE_URL="sqlite:$work/read.db" \
  COMMAND_API_PORT=$command_port QUERY_API_PORT=$query_port PROJECTOR_PORT=$projector_port \
  RATE_LIMIT_PER_SECOND=0 RATE_LIMIT_PUBLIC_PER_SECOND=0 REMINDERS=off
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
for app in command-api projector query-api; do
  node "dist/apps/$app/src/main.js" >"$reports/$app.log" 2>&1 &
  pids+=($!)
done
for url in "http://127.0.0.1:$command_port/health" "http://127.0.0.1:$query_port/health"; do
  up=false
  for _ in $(seq 1 300); do curl -sf "$url" >/dev/null && { up=true; break; }; sleep 0.1; done
  $up || { echo "$url did not come up:"; tail -n 20 "$reports"/*.log; exit 1; }
done
token="$(node scripts/token.mjs --ttl 12h)" || { echo 'no token'; exit 1; }

# Every built-in check runs (the default; naming them with --checks would override the
# per-operation settings). One worker: Python 3.11's parser is not thread-safe, and
# Hypothesis parses sources while it generates. scripts/schemathesis.toml names, each with its reason, the answers that
# count as accepting schema-valid data (412, 422) and the three operations where
# positive_data_acceptance is off: their bodies follow rules JSON Schema cannot state (a
# camt.053 file, a payment reference's check digit).
# scripts/schemathesis_hooks.py makes each drawn Idempotency-Key unique and keeps a drawn
# If-Match on one request in four, so that requests get past those checks (see there).
# Hypothesis' health checks about slow or heavily filtered generation are suppressed: they
# judge the generator, not the service.
# The per-operation settings name command API operations only; the query API gets the rest.
sed '/^\[\[operations\]\]/,$d' scripts/schemathesis.toml >"$reports/query-api.toml"
status=0
for api in "command-api $command_port $PWD/scripts/schemathesis.toml" \
  "query-api $query_port $reports/query-api.toml"; do
  set -- $api
  config="$3"
  echo "==== Schemathesis $version: $1, every check, every phase, ${budget}s"
  # Run from the report directory: Schemathesis keeps its example cache where it runs.
  (cd "$reports" && PYTHONPATH="$scripts" SCHEMATHESIS_HOOKS=schemathesis_hooks "$venv/bin/st" --config-file "$config" run "http://127.0.0.1:$2/docs/openapi.json" \
    --phases examples,coverage,fuzzing,stateful \
    --header "Authorization: Bearer $token" \
    --max-time "$budget" \
    --workers 1 \
    --seed "${SCHEMATHESIS_SEED:-20261201}" \
    --suppress-health-check too_slow,filter_too_much,data_too_large \
    --report junit,ndjson --report-dir "$reports/$1" \
    --output-truncate false) || status=1
done
exit $status
