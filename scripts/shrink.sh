#!/usr/bin/env bash
# The release treatment of the shipped files, shared by the widget (scripts/build.sh) and
# the benchmark's Yew floor (scripts/bench.sh), so the floor is built exactly like the widget.
#   scripts/shrink.sh WASM [JS_OR_CSS ...]   wasm-opt -Oz on WASM, esbuild --minify on the rest, in place
set -euo pipefail
bin="$(cd "$(dirname "$0")/.." && pwd)/tools/node_modules/.bin"
wasm=$1
shift
"$bin/wasm-opt" -Oz --converge --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue --strip-debug --strip-producers \
  "$wasm" -o "$wasm"
for f in "$@"; do
  "$bin/esbuild" "$f" --minify --log-level=warning --allow-overwrite --outfile="$f"
done
