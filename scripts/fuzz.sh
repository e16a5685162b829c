#!/usr/bin/env bash
# Fuzzes the answer parser and the redirect plan with cargo-fuzz (libFuzzer).
#   scripts/fuzz.sh [RUNS]     default 1,000,000 runs per target
# cargo-fuzz wants nightly flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain take them.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1000000}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
for target in answer redirect; do
  mkdir -p "fuzz/corpus/$target"
  cargo fuzz run -O "$target" "fuzz/corpus/$target" fuzz/seeds/"$target" -- -runs="$runs" -max_len=4096 2>&1 | tail -4
done
