#!/usr/bin/env bash
# README command 2: every test. Installs what it needs first (scripts/setup.sh).
#   native cargo tests (rules, widget catalogues, sandbox over loopback HTTP)
#   wasm-bindgen-test in headless Chromium
#   release build through wasm-opt + the byte budget
#   the TypeScript declarations type-check a merchant's usage
#   trunk build --release
#   the browser suite (Playwright + axe-core) against the sandbox
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "native tests: cargo test --workspace"
cargo test --workspace

step "widget in headless Chromium: wasm-bindgen-test"
CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown -p checkout-widget

step "release build (wasm-opt -Oz) and byte budget"
bash scripts/build.sh
node scripts/budget.mjs www/dist

step "TypeScript declarations: tsc --noEmit on a merchant's usage"
tsc -p tests/types/tsconfig.json

step "trunk build --release (offline)"
trunk build --release --dist target/trunk-dist

step "browser suite: Playwright + axe-core against the sandbox"
cargo build --profile server -p sandbox
node --test --test-concurrency=1 tests/e2e/
