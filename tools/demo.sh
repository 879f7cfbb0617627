#!/usr/bin/env bash
# The main job in one command: build the plugin, publish it to a local registry, create a real Nx
# workspace with a sample Go monorepo, `nx add go-docker`, `nx g go-docker:setup`, show the result.
set -euo pipefail
cd "$(dirname "$0")/.."
export CI=true NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
. tools/ensure-go.sh
[ -d node_modules/nx ] || npm ci --no-audit --no-fund
npx nx run go-docker:build --output-style=static
npx ts-node --transpile-only -O '{"module":"commonjs"}' tools/demo.ts
