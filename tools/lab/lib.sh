# shellcheck shell=bash
# Shared paths and helpers of the container lab. Sourced by up.sh, down.sh, smoke.sh, env.sh.

LAB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$LAB_DIR/versions.env"

# Everything the lab downloads, builds or stores lives in the cache and is reused between runs.
LAB_CACHE="${GO_DOCKER_LAB_CACHE:-$HOME/.cache/go-docker-lab}"
# Pids, logs, generated configs, sockets and the env file of the running lab.
LAB_STATE="${GO_DOCKER_LAB_STATE:-$LAB_CACHE/state}"
LAB_LOGS="$LAB_STATE/logs"
LAB_RUN="$LAB_STATE/run"

LAB_REGISTRY="127.0.0.1:5000"
LAB_GOPROXY_ADDR="127.0.0.1:${GO_DOCKER_LAB_GOPROXY_PORT:-5001}"
LAB_BUILDER="go-docker-lab"
LAB_BUILDKIT_SOCK="$LAB_RUN/buildkitd.sock"
LAB_BUILDKIT_HOST="unix://$LAB_BUILDKIT_SOCK"
LAB_GOPROXY_DIR="$LAB_CACHE/goproxy/gomodcache"   # GOMODCACHE for goproxy-add.sh
LAB_GOPROXY_ROOT="$LAB_GOPROXY_DIR/cache/download" # served over HTTP

# The 28.x CLI first in PATH has no buildx; with our plugin installed it drives buildx. The Debian
# 20.10 CLI drives dockerd's built-in BuildKit (DOCKER_BUILDKIT=1 docker build).
LAB_DOCKER_CLI="/usr/local/bin/docker"
[[ -x "$LAB_DOCKER_CLI" ]] || LAB_DOCKER_CLI="/usr/bin/docker"
LAB_DOCKER20_CLI="/usr/bin/docker"
LAB_BUILDKIT_BIN="$LAB_CACHE/bin/buildkit-$BUILDKIT_VERSION"
LAB_BUILDX_BIN="$LAB_CACHE/bin/buildx-$BUILDX_VERSION/docker-buildx"
LAB_BUILDCTL="$LAB_BUILDKIT_BIN/buildctl"

log() { printf '[lab %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[lab] ERROR: %s\n' "$*" >&2; exit 1; }

# run_logged NAME CMD...: run CMD with output in $LAB_LOGS/NAME.log; on failure show its tail.
run_logged() {
  local name="$1"; shift
  local logf="$LAB_LOGS/$name.log"
  mkdir -p "$LAB_LOGS"
  # Run in a background subshell and wait: a function called inside `if !` would run with
  # errexit silently disabled, so its failing steps would not stop it.
  "$@" >"$logf" 2>&1 &
  if ! wait $!; then
    printf '[lab] ERROR: %s failed: %s\n--- last 40 lines of %s ---\n' "$name" "$*" "$logf" >&2
    tail -n 40 "$logf" >&2
    return 1
  fi
}

# wait_until TIMEOUT_S DESCRIPTION CMD...: poll CMD every 0.2 s until it succeeds.
wait_until() {
  local timeout="$1" what="$2"; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || { log "timed out after ${timeout}s waiting for $what"; return 1; }
    sleep 0.2
  done
}

http_ok() { curl -fs -o /dev/null --max-time 2 "$1"; }

# Processes the lab started are tracked as $LAB_RUN/NAME.pid (+ NAME.cmd, the executable path) so
# that down.sh stops exactly those and never a daemon somebody else started.
lab_pid() {
  local name="$1" pid exe
  [[ -f "$LAB_RUN/$name.pid" ]] || return 1
  pid="$(cat "$LAB_RUN/$name.pid")"
  exe="$(cat "$LAB_RUN/$name.cmd" 2>/dev/null || true)"
  kill -0 "$pid" 2>/dev/null || return 1
  # Guard against pid reuse: the process must still run the executable we started.
  [[ "$(readlink -f "/proc/$pid/exe" 2>/dev/null)" == "$(readlink -f "$exe")" ]] || return 1
  echo "$pid"
}

# start_daemon NAME CMD...: start CMD in its own session, detached, logging to $LAB_LOGS/NAME.log.
start_daemon() {
  local name="$1"; shift
  mkdir -p "$LAB_RUN" "$LAB_LOGS"
  setsid "$@" >>"$LAB_LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$LAB_RUN/$name.pid"
  command -v "$1" >"$LAB_RUN/$name.cmd"
}

# stop_daemon NAME: TERM the tracked process, wait for it, KILL after 30 s.
stop_daemon() {
  local name="$1" pid
  if pid="$(lab_pid "$name")"; then
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 30))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name (pid $pid) ignored TERM for 30s; sending KILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    log "stopped $name (pid $pid)"
  fi
  rm -f "$LAB_RUN/$name.pid" "$LAB_RUN/$name.cmd"
}
