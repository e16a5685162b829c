#!/usr/bin/env bash
# A debug build of the package into OUT (default target/debug-dist), with the widget's
# `trap-hook` feature: the wasm traps on Pay when the page sets window.__checkoutWidgetTrap
# (tests/e2e/failsafe.test.mjs). Never shipped: scripts/build.sh builds without the feature,
# and a release build refuses it (src/trap_hook.rs). Unminified, files unpinned.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
out=${1:-target/debug-dist}
cargo build --target wasm32-unknown-unknown -p checkout-widget --features trap-hook --quiet
source scripts/package.sh
assemble "$out" target/wasm32-unknown-unknown/debug/checkout_widget.wasm
bundle_entry "$out"
