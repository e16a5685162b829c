#!/usr/bin/env bash
# The release treatment of the shipped files, shared by the widget (scripts/build.sh) and
# the benchmark's Yew floor (scripts/bench.sh), so the floor is built exactly like the widget.
#   scripts/shrink.sh WASM GLUE [JS_OR_CSS ...]
# wasm-opt -Oz on WASM, its functions laid out by similarity; the names WASM and its
# wasm-bindgen GLUE share shortened in both (scripts/minify-names.mjs); then esbuild
# --minify on GLUE and the rest; all in place.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$here/../tools/build/node_modules/.bin"
wasm=$1
glue=$2
shift 2
# Binaryen's -Oz inlines every function that has one caller, whatever its size; the merged
# giants compress worse, so that is capped (figures: BENCHMARKS.md, decision log). The order
# by name it ends with is only the starting order (and tie-break) of the layout below.
features="--enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue"
"$bin/wasm-opt" --one-caller-inline-max-function-size=20 -Oz --converge --reorder-functions-by-name $features \
  --strip-debug --strip-producers --strip-target-features "$wasm" -o "$wasm"
# Then similar functions side by side (scripts/order-functions.mjs), so brotli finds its
# matches nearer; only the order of the bodies changes.
node "$here/order-functions.mjs" "$wasm" "$wasm.ordered"
"$bin/wasm-opt" $features --reorder-functions-by-name --strip-debug "$wasm.ordered" -o "$wasm"
rm "$wasm.ordered"
node "$here/minify-names.mjs" "$wasm" "$glue" $features
for f in "$glue" "$@"; do
  "$bin/esbuild" "$f" --minify --log-level=warning --allow-overwrite --outfile="$f"
done
