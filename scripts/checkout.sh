#!/usr/bin/env bash
# README command 1: build the widget (release) and start the sandbox with the demo
# checkout on http://127.0.0.1:${PORT:-8080}/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
cargo build --profile server -p sandbox --quiet
exec ./target/server/sandbox --listen "127.0.0.1:${PORT:-8080}" "$@"
