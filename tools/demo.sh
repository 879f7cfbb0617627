#!/usr/bin/env bash
# The main job in one command, for real: build the plugin, pack it, make a real Nx workspace with a small
# Go monorepo, install go-docker, `nx g go-docker:setup`, `nx run api:docker-build` on the container lab,
# `nx run api:docker-run` answering HTTP, and `nx affected` after a change. Prints what it did.
set -euo pipefail
cd "$(dirname "$0")/.."
export CI=true NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
start=$SECONDS
. tools/ensure-go.sh
[ -d node_modules/nx ] || npm ci --no-audit --no-fund
# Images need an engine with the base images: the container lab (docs/lab.md), started if it is not up.
bash tools/lab/env.sh >/dev/null 2>&1 || bash tools/lab/up.sh
npx nx run go-docker:build --output-style=static
mkdir -p tmp/demo
tarball=$(cd packages/go-docker && npm pack --pack-destination ../../tmp/demo --silent | tail -n1)
echo "go-docker: plugin built and packed as tmp/demo/$tarball ($((SECONDS - start))s)"
npx ts-node --transpile-only -O '{"module":"commonjs"}' tools/demo.ts "$PWD/tmp/demo/$tarball"
echo "npm run demo: $((SECONDS - start))s in all"
