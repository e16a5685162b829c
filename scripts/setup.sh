#!/usr/bin/env bash
# Installs every tool the two README commands need. Idempotent: each step is skipped when
# the tool is already there at the right version. Reaches only the package registries.
#   scripts/setup.sh            everything (build, tests, browser)
#   SETUP_SKIP_TRUNK=1 ...      leave out trunk (only `trunk serve` needs it)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# 1. Rust target for the widget.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
# std's sources: the release wasm rebuilds std (scripts/release-flags.sh).
if ! rustup component list --installed | grep -qx rust-src; then
  say "adding rust component rust-src"
  rustup component add rust-src
fi

# 2. wasm-bindgen-cli at exactly the Cargo.lock version of wasm-bindgen.
wbg=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wbg" ]; then
  say "installing wasm-bindgen-cli $wbg (takes several minutes)"
  # no --locked: its lockfile pins a crate the registry no longer serves
  cargo install wasm-bindgen-cli --version "$wbg" --force
fi

# 3. trunk for `trunk serve` / `trunk build`.
if [ -z "${SETUP_SKIP_TRUNK:-}" ] && [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "0.21.14" ]; then
  say "installing trunk 0.21.14"
  cargo install trunk --version 0.21.14 --locked --force
fi

# 4. Node tools, pinned by tools/package-lock.json: binaryen (wasm-opt), playwright-core, axe-core, typescript,
#    webdriverio (Firefox and WebKit tests), and for the merchant app tests vite (8; 5–7 as vite5…vite7),
#    webpack + webpack-cli, next, react + react-dom (+ @types/react), vue + @vitejs/plugin-vue.
if [ ! -x tools/node_modules/.bin/wasm-opt ] || [ tools/package-lock.json -nt tools/node_modules/.package-lock.json ]; then
  say "installing node tools (npm ci in tools/)"
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
fi

# 5. From Debian: the three browser engines and their WebDriver servers (Chromium +
#    chromedriver, Firefox ESR, WebKitGTK's WebKitWebDriver + MiniBrowser under xvfb-run),
#    and PostgreSQL.
need=()
for pair in chromium:chromium chromedriver:chromium-driver firefox-esr:firefox-esr WebKitWebDriver:webkit2gtk-driver xvfb-run:xvfb; do
  command -v "${pair%%:*}" >/dev/null || need+=("${pair#*:}")
done
# PostgreSQL's server binaries (the backend's suites on PostgreSQL; scripts/postgres.sh)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# 6. geckodriver (Firefox's WebDriver server) from crates.io.
if [ "$(geckodriver --version 2>/dev/null | awk 'NR==1{print $2}')" != "0.37.0" ]; then
  say "installing geckodriver 0.37.0 (about 3 minutes)"
  cargo install geckodriver --version 0.37.0 --locked --force
fi
say "tools ready: $(wasm-bindgen --version), wasm-opt $(tools/node_modules/.bin/wasm-opt --version | awk '{print $3}'), $(chromium --version 2>/dev/null | head -1), $(firefox-esr --version 2>/dev/null), $(geckodriver --version | awk 'NR==1'), WebKitGTK $(pkg-config --modversion webkit2gtk-4.1 2>/dev/null || dpkg-query -W -f='${Version}' libwebkit2gtk-4.1-0 2>/dev/null)"
