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
source scripts/package.sh
assemble "$out" target/wasm32-unknown-unknown/release/checkout_widget.wasm
# Shipped minified: the script-tag files are not run through a merchant's bundler.
# (www/src keeps the readable sources.)
bash scripts/shrink.sh "$out/checkout_widget_bg.wasm" "$out"/{checkout_widget.js,index.js,checkout-widget.js,checkout-widget.css}
bundle_entry "$out" --minify
node scripts/pin.mjs "$out"
node scripts/sri.mjs "$out"
