#!/usr/bin/env bash
# Builds the widget in release mode into www/dist: one wasm (wasm-opt -Oz), the ES module
# entry with its wasm-bindgen glue, the script-tag file, the stylesheet (all minified) and
# the types.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
out=www/dist
source scripts/release-flags.sh
cargo build --release --target wasm32-unknown-unknown -p checkout-widget --quiet
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name checkout_widget \
  target/wasm32-unknown-unknown/release/checkout_widget.wasm
cp www/src/*.* "$out/"
# Locales other than English: one file each beside index.js, fetched on demand.
source scripts/locales.sh
add_locales "$out"
# Shipped minified: the script-tag files are not run through a merchant's bundler.
# (www/src keeps the readable sources.)
bash scripts/shrink.sh "$out/checkout_widget_bg.wasm" "$out"/{checkout_widget.js,index.js,checkout-widget.js,checkout-widget.css}
# The wasm-bindgen glue goes into index.js: one module less to fetch, one round trip less
# before the form shows, fewer bytes than two files. (So does the loader's fail-safe,
# failsafe.js.)
tools/build/node_modules/.bin/esbuild "$out/index.js" --bundle --format=esm --minify --log-level=warning --allow-overwrite --outfile="$out/index.js"
rm -r "$out/checkout_widget.js" "$out/snippets" "$out/failsafe.js"
node scripts/pin.mjs "$out"
node scripts/sri.mjs "$out"
