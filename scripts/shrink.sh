#!/usr/bin/env bash
# The release treatment of the shipped files, shared by the widget (scripts/build.sh) and
# the benchmark's Yew floor (scripts/bench.sh), so the floor is built exactly like the widget.
#   scripts/shrink.sh WASM GLUE [JS_OR_CSS ...]
# wasm-opt -Oz on WASM; the names WASM and its wasm-bindgen GLUE share shortened in both
# (scripts/minify-names.mjs); then esbuild --minify on GLUE and the rest; all in place.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$here/../tools/node_modules/.bin"
wasm=$1
glue=$2
shift 2
"$bin/wasm-opt" -Oz --converge --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue --strip-debug --strip-producers \
  "$wasm" -o "$wasm"
node "$here/minify-names.mjs" "$wasm" "$glue"
for f in "$glue" "$@"; do
  "$bin/esbuild" "$f" --minify --log-level=warning --allow-overwrite --outfile="$f"
done
