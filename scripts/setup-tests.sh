#!/usr/bin/env bash
# Installs what README command 2 needs beyond command 1's tools (scripts/setup.sh): trunk,
# the test suites' node tools, the three browser engines with their WebDriver servers, and
# PostgreSQL. Idempotent, like setup.sh; reaches only the package registries.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# 1. trunk for `trunk build` (the tests) and `trunk serve`.
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "0.21.14" ]; then
  say "installing trunk 0.21.14"
  cargo install trunk --version 0.21.14 --locked --force
fi

# 2. Node tools, pinned by tools/package-lock.json: playwright-core, axe-core, typescript,
#    webdriverio (Firefox and WebKit tests), and for the merchant app tests vite (8; 5–7 as
#    vite5…vite7), webpack + webpack-cli, next, react + react-dom (+ @types/react), vue +
#    @vitejs/plugin-vue.
if [ ! -x tools/node_modules/.bin/playwright-core ] ||
  [ tools/package-lock.json -nt tools/node_modules/.package-lock.json ]; then
  say "installing the tests' node tools (npm ci in tools/)"
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
fi
# React 18 for the React test app: a tree of its own (18 and 19 fail npm's peer check in one).
if [ ! -d tools/react18/node_modules/react-dom ] ||
  [ tools/react18/package-lock.json -nt tools/react18/node_modules/.package-lock.json ]; then
  say "installing React 18 for the React test app (npm ci in tools/react18/)"
  (cd tools/react18 && npm ci --no-audit --no-fund --loglevel=error)
fi

# 3. From Debian: the three browser engines and their WebDriver servers (Chromium +
#    chromedriver, Firefox ESR, WebKitGTK's WebKitWebDriver + MiniBrowser under xvfb-run),
#    and PostgreSQL's server binaries (the backend's suites on PostgreSQL; scripts/postgres.sh).
need=()
for pair in chromium:chromium chromedriver:chromium-driver firefox-esr:firefox-esr WebKitWebDriver:webkit2gtk-driver xvfb-run:xvfb; do
  command -v "${pair%%:*}" >/dev/null || need+=("${pair#*:}")
done
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# 4. geckodriver (Firefox's WebDriver server) from crates.io.
if [ "$(geckodriver --version 2>/dev/null | awk 'NR==1{print $2}')" != "0.37.0" ]; then
  say "installing geckodriver 0.37.0 (about 3 minutes)"
  cargo install geckodriver --version 0.37.0 --locked --force
fi
say "test tools ready: $(trunk --version), $(chromium --version 2>/dev/null | head -1)," \
  "$(firefox-esr --version 2>/dev/null), $(geckodriver --version | awk 'NR==1')," \
  "WebKitGTK $(pkg-config --modversion webkit2gtk-4.1 2>/dev/null || dpkg-query -W -f='${Version}' libwebkit2gtk-4.1-0 2>/dev/null)"
