#!/usr/bin/env bash
# README command 2: every test. Installs what it needs first (scripts/setup-tests.sh).
#   native cargo tests (rules, widget catalogues, sandbox over loopback HTTP), and the
#   backend's money suites again with its records on PostgreSQL (a server of their own)
#   wasm-bindgen-test in headless Chromium
#   release build through wasm-opt + the byte budget
#   the TypeScript declarations type-check a merchant's usage
#   trunk build --release
#   the browser suite (Playwright + axe-core) against the sandbox
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-tests.sh
export PATH="$PWD/tools/build/node_modules/.bin:$PWD/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# Every temporary file of the run in one folder, removed at the end: drivers and browsers
# leave profiles (chromedriver's is 30 MB) and X displays' files behind when they are stopped.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export TMPDIR=$scratch

step "native tests: cargo test --workspace"
cargo test --workspace

step "the backend on PostgreSQL: three processes on one database, and the money suites"
# shellcheck disable=SC2016
bash scripts/postgres.sh bash -c 'cargo test -p sandbox --test money -- --ignored &&
  SANDBOX_TEST_STORE=postgres cargo test -p sandbox --test money --test faults --test late_charges \
    --test callbacks --test saved_cards --test stalled --test amounts'

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
