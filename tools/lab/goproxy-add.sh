#!/usr/bin/env bash
# Make modules available offline through the lab GOPROXY:
#   tools/lab/goproxy-add.sh <module or workspace dir>...
# Runs `go mod download all` on the host (using the host's GOPROXY) with GOMODCACHE pointed at the
# lab's proxy cache; its cache/download dir is what the lab goproxy serves. A dir with a go.work is
# downloaded in workspace mode, exactly as a Dockerfile that mounts go.work will need it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
(($#)) || die "usage: $0 <module or workspace dir>..."
mkdir -p "$LAB_GOPROXY_DIR"
for dir in "$@"; do
  [[ -f "$dir/go.mod" || -f "$dir/go.work" ]] || die "$dir has neither go.mod nor go.work"
  gowork=off; [[ -f "$dir/go.work" ]] && gowork="$(cd "$dir" && pwd)/go.work"
  (cd "$dir" && GOMODCACHE="$LAB_GOPROXY_DIR" GOWORK="$gowork" GOFLAGS= GOTOOLCHAIN=local \
    go mod download all) || die "go mod download failed in $dir"
  log "added the modules of $dir to $LAB_GOPROXY_ROOT"
done
