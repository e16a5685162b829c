#!/usr/bin/env bash
# The benchmark command (not part of the tests): builds the release package, the Yew
# hello-world floor with the same profile, the sandbox, and prints every figure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-tests.sh >/dev/null
export PATH="$PWD/tools/build/node_modules/.bin:$PWD/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
bash scripts/build.sh >/dev/null
(source scripts/release-flags.sh && cargo build --release --target wasm32-unknown-unknown -p hello-yew --quiet)
out=target/bench/hello
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" target/wasm32-unknown-unknown/release/hello_yew.wasm
bash scripts/shrink.sh "$out/hello_yew_bg.wasm" "$out/hello_yew.js"
cargo build --profile server -p sandbox --quiet
node bench/run.mjs
