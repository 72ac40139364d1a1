#!/usr/bin/env bash
# Builds FerretDB 1.24.2 (MongoDB wire protocol over SQLite) as a test server.
# The module comes from the Go module proxy through the wrapper module beside this
# script (`go get -tool`). FerretDB's cmd panics unless build/version/version.txt
# exists, and that file is not part of the published module, so the module source is
# copied out of the module cache, the file is written, and the copy replaces the module.
# Prints the path of the binary on success. The binary is cached under .cache/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
version="v1.24.2"
cache="${FERRETDB_CACHE:-$root/.cache/ferretdb}"
bin="$cache/ferretdb-$version"
if [[ -x "$bin" ]] && "$bin" --version >/dev/null 2>&1; then
  echo "$bin"
  exit 0
fi
mkdir -p "$cache"
work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cp "$here/ferretdb/go.mod" "$here/ferretdb/go.sum" "$work/"
cd "$work"
go get -tool "github.com/FerretDB/FerretDB/cmd/ferretdb@$version" >&2
src="$(go env GOMODCACHE)/github.com/!ferret!d!b/!ferret!d!b@$version"
cp -r "$src" "$work/ferretdb-src"
chmod -R u+w "$work/ferretdb-src"
echo "$version" > "$work/ferretdb-src/build/version/version.txt"
go mod edit -replace "github.com/FerretDB/FerretDB=./ferretdb-src"
go build -o "$bin.tmp" github.com/FerretDB/FerretDB/cmd/ferretdb >&2
mv "$bin.tmp" "$bin"
"$bin" --version >&2
echo "$bin"
