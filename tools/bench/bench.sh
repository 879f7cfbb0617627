#!/usr/bin/env bash
# Entry point of `npm run bench` / `npm run bench:quick`: the lab up (warm: seconds), the fixture's modules
# in the lab GOPROXY (idempotent), the plugin built, then the harness (tools/bench/run.ts).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export CI=true NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
bash tools/lab/up.sh >&2
source <(bash tools/lab/env.sh)
bash tools/lab/goproxy-add.sh tools/bench/fixtures/realapp >&2
npx nx run go-docker:build >&2
# `--script FILE [args]`: one benchmark script of tools/bench instead of the whole harness.
if [[ "${1:-}" == --script ]]; then
  exec npx ts-node --transpile-only -O '{"module":"commonjs"}' "$2" "${@:3}"
fi
exec npx ts-node --transpile-only -O '{"module":"commonjs"}' tools/bench/run.ts "$@"
