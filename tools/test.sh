#!/usr/bin/env bash
# The whole test suite, as a newcomer runs it on a fresh clone: `npm test`.
# Installs what it needs (node modules, a Go toolchain if the machine's is too old, the container lab:
# dockerd, a registry, BuildKit + buildx, podman, qemu and offline base images), then runs lint,
# typecheck, unit tests, build, the end-to-end tests (real Nx workspaces from a local registry,
# real image builds that are run and answer HTTP) and the quick conformance run on the real Go monorepos
# of ../shared/realworld/ against go list (tools/conformance/). The lab stays up afterwards: `npm run lab:down`.
set -euo pipefail
cd "$(dirname "$0")/.."
export CI=true NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
. tools/ensure-go.sh
[ -d node_modules/nx ] || npm ci --no-audit --no-fund
bash tools/lab/up.sh
npx nx run-many -t lint typecheck test build e2e conformance --output-style=stream --skip-nx-cache
