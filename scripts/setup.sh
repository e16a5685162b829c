#!/usr/bin/env bash
# Installs what README command 1 needs to build the widget and serve a checkout: the pinned
# Rust toolchain with its wasm target, wasm-bindgen-cli, wasm-opt and esbuild. Idempotent:
# each step is skipped when the tool is already there at the right version. Reaches only the
# package registries. The tests' own tools: scripts/setup-tests.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# 1. The rustc, components and wasm target rust-toolchain.toml names (std's sources among
#    them: the release wasm rebuilds std, scripts/release-flags.sh).
rustup toolchain install

# 2. wasm-bindgen-cli at exactly the Cargo.lock version of wasm-bindgen.
wbg=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wbg" ]; then
  say "installing wasm-bindgen-cli $wbg (takes several minutes)"
  # no --locked: its lockfile pins a crate the registry no longer serves
  cargo install wasm-bindgen-cli --version "$wbg" --force
fi

# 3. binaryen (wasm-opt) and esbuild, pinned by tools/build/package-lock.json.
if [ ! -x tools/build/node_modules/.bin/wasm-opt ] ||
  [ tools/build/package-lock.json -nt tools/build/node_modules/.package-lock.json ]; then
  say "installing the build's node tools (npm ci in tools/build/)"
  (cd tools/build && npm ci --no-audit --no-fund --loglevel=error)
fi
say "build tools ready: $(rustc --version), $(wasm-bindgen --version)," \
  "wasm-opt $(tools/build/node_modules/.bin/wasm-opt --version | awk '{print $3}')"
