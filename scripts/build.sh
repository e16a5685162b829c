#!/usr/bin/env bash
# Builds the widget in release mode into www/dist: one wasm (wasm-opt -Oz), its JS
# glue, the ES module entry, the script-tag file, the stylesheet (all minified) and the types.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
out=www/dist
# Paths of this checkout and of the registry stay out of the shipped wasm (panic locations):
# the bytes are then the same wherever the repository is cloned.
registry=$(cargo metadata --format-version 1 --quiet 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const p=JSON.parse(s).packages.find(p=>p.name==="yew");console.log(p?require("path").resolve(p.manifest_path,"../.."):"")})')
# (std's sources read as /rustc/<commit>, as they do when the rust-src component is absent.)
sysroot_src="$(rustc --print sysroot)/lib/rustlib/src/rust"
std_src="/rustc/$(rustc -vV | sed -n 's/^commit-hash: //p')"
export RUSTFLAGS="${RUSTFLAGS:-} --remap-path-prefix=$PWD=checkout-widget --remap-path-prefix=$sysroot_src=$std_src${registry:+ --remap-path-prefix=$registry=registry}"
cargo build --release --target wasm32-unknown-unknown -p checkout-widget --quiet
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name checkout_widget \
  target/wasm32-unknown-unknown/release/checkout_widget.wasm
tools/node_modules/.bin/wasm-opt -Oz --converge --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue --strip-debug --strip-producers \
  "$out/checkout_widget_bg.wasm" -o "$out/checkout_widget_bg.wasm"
cp www/src/* "$out/"
# Shipped minified: the script-tag files are not run through a merchant's bundler.
# (www/src keeps the readable sources.)
for f in checkout_widget.js index.js checkout-widget.js checkout-widget.css; do
  tools/node_modules/.bin/esbuild "$out/$f" --minify --log-level=warning --allow-overwrite --outfile="$out/$f"
done
node scripts/sri.mjs "$out"
