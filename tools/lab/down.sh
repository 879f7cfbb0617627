#!/usr/bin/env bash
# Stop what tools/lab/up.sh started (tracked pids only). Packages, caches, images and the
# podman config drop-ins stay, so the next `npm run lab:up` is warm.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ -d "$LAB_RUN" ]] || { log "nothing to stop (no $LAB_RUN)"; exit 0; }
# Reverse start order: builders before the registry they push to; dockerd stops its containerd.
for name in goproxy buildkitd dockerd registry; do
  stop_daemon "$name"
done
rm -f "$LAB_BUILDKIT_SOCK" "$LAB_STATE/env"
log "lab down (caches kept in $LAB_CACHE)"
