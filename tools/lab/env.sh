#!/usr/bin/env bash
# Print the running lab's environment as sourceable exports:  source <(bash tools/lab/env.sh)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[[ -f "$LAB_STATE/env" ]] || die "the lab is not up: run npm run lab:up"
cat "$LAB_STATE/env"
