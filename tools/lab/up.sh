#!/usr/bin/env bash
# Start the go-docker container lab: dockerd, a registry, a standalone buildkitd + buildx builder,
# qemu binfmt, podman config, offline stand-in base images and an offline Go module proxy.
# Idempotent: re-running only starts what is not running and rebuilds what changed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$LAB_DIR/images.sh"

APT_PACKAGES=(docker.io docker-registry qemu-user-static binfmt-support podman skopeo debootstrap
              curl jq ca-certificates)
T_START=$SECONDS
STARTED=()   # what this run started, for the summary

ensure_packages() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  log "installing apt packages: ${missing[*]}"
  # Unreachable third-party sources make `apt-get update` complain; Debian's own lists suffice.
  run_logged apt-update apt-get update || log "apt-get update reported errors; continuing"
  run_logged apt-install env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    "${missing[@]}" || die "apt-get install failed"
}

# qemu-user-static registered with the F flag, so arm64 containers and RUN steps work.
ensure_binfmt() {
  if [[ ! -e /proc/sys/fs/binfmt_misc/register ]]; then
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  fi
  if ! grep -q '^enabled' /proc/sys/fs/binfmt_misc/qemu-aarch64 2>/dev/null; then
    run_logged binfmt update-binfmts --enable qemu-aarch64 || die "could not register qemu-aarch64"
  fi
  grep -q '^flags: .*F' /proc/sys/fs/binfmt_misc/qemu-aarch64 ||
    die "qemu-aarch64 binfmt lacks the F flag: arm64 containers would not find the interpreter"
}

# go_build_module MODULE VERSION OUTDIR LDFLAGS PKG...: build commands of a module at a pinned
# version from its module-proxy source. `go install pkg@version` is refused for buildkit and
# buildx ("The go.mod file ... contains one or more exclude directives"), so we build inside the
# downloaded module directory, where their go.mod is the main module.
go_build_module() {
  local mod="$1" ver="$2" out="$3" ldflags="$4"; shift 4
  local -x GOMODCACHE="$LAB_CACHE/go/mod" GOCACHE="$LAB_CACHE/go/build" GOFLAGS= GOTOOLCHAIN=local \
    CGO_ENABLED=0 GOWORK=off
  local dir
  dir="$(go mod download -json "$mod@$ver" | jq -er .Dir)"
  mkdir -p "$out.tmp"
  (cd "$dir" && go build -trimpath -ldflags "$ldflags" -o "$out.tmp/" "$@")
  rm -rf "$out" && mv "$out.tmp" "$out"
}

ensure_tools() {
  if [[ ! -x "$LAB_BUILDKIT_BIN/buildkitd" || ! -x "$LAB_BUILDKIT_BIN/buildctl" ]]; then
    log "building buildkitd + buildctl $BUILDKIT_VERSION from the Go module proxy (cold: several minutes)"
    run_logged build-buildkit go_build_module github.com/moby/buildkit "$BUILDKIT_VERSION" "$LAB_BUILDKIT_BIN" \
      "-s -w -X github.com/moby/buildkit/version.Version=$BUILDKIT_VERSION" ./cmd/buildkitd ./cmd/buildctl ||
      die "building buildkit failed"
  fi
  if [[ ! -x "$LAB_BUILDX_BIN" ]]; then
    log "building buildx $BUILDX_VERSION from the Go module proxy (cold: several minutes)"
    run_logged build-buildx go_build_module github.com/docker/buildx "$BUILDX_VERSION" "$(dirname "$LAB_BUILDX_BIN")" \
      "-s -w -X github.com/docker/buildx/version.Version=$BUILDX_VERSION -X github.com/docker/buildx/version.Package=github.com/docker/buildx" \
      ./cmd/buildx || die "building buildx failed"
    mv "$(dirname "$LAB_BUILDX_BIN")/buildx" "$LAB_BUILDX_BIN"
  fi
  mkdir -p "$HOME/.docker/cli-plugins"
  cmp -s "$LAB_BUILDX_BIN" "$HOME/.docker/cli-plugins/docker-buildx" ||
    install -m 0755 "$LAB_BUILDX_BIN" "$HOME/.docker/cli-plugins/docker-buildx"
  # The module proxy server: tiny, rebuilt when its source changes.
  local src_hash; src_hash="$(sha256sum "$LAB_DIR/goproxy/main.go" | cut -c1-12)"
  LAB_GOPROXY_BIN="$LAB_CACHE/bin/goproxy-$src_hash/goproxy"
  if [[ ! -x "$LAB_GOPROXY_BIN" ]]; then
    mkdir -p "$(dirname "$LAB_GOPROXY_BIN")"
    run_logged build-goproxy env GOCACHE="$LAB_CACHE/go/build" GOFLAGS= GOWORK=off GOTOOLCHAIN=local CGO_ENABLED=0 \
      go build -o "$LAB_GOPROXY_BIN" "$LAB_DIR/goproxy/main.go" || die "building goproxy failed"
  fi
}

start_registry() {
  if lab_pid registry >/dev/null; then return 0; fi
  if http_ok "http://$LAB_REGISTRY/v2/"; then
    log "WARNING: a registry not started by the lab already serves $LAB_REGISTRY; using it"
    return 0
  fi
  mkdir -p "$LAB_CACHE/registry"
  cat >"$LAB_STATE/registry.yml" <<EOF
version: 0.1
log: {level: warn}
storage:
  filesystem: {rootdirectory: $LAB_CACHE/registry}
  delete: {enabled: true}
http:
  addr: $LAB_REGISTRY
EOF
  start_daemon registry docker-registry serve "$LAB_STATE/registry.yml"
  wait_until 30 "registry on $LAB_REGISTRY" http_ok "http://$LAB_REGISTRY/v2/" ||
    { tail -n 20 "$LAB_LOGS/registry.log" >&2; die "registry did not start"; }
  STARTED+=("registry http://$LAB_REGISTRY (pid $(cat "$LAB_RUN/registry.pid"))")
}

docker_up() { "$LAB_DOCKER20_CLI" version --format '{{.Server.Version}}'; }

start_dockerd() {
  if lab_pid dockerd >/dev/null; then return 0; fi
  if docker_up >/dev/null 2>&1; then
    log "WARNING: a dockerd not started by the lab is running; using it as is"
    "$LAB_DOCKER20_CLI" info --format '{{json .RegistryConfig.Mirrors}}' | grep -q "$LAB_REGISTRY" ||
      log "WARNING: that dockerd has no registry mirror $LAB_REGISTRY: docker.io stand-ins resolve only if pulled/tagged"
    return 0
  fi
  cat >"$LAB_STATE/daemon.json" <<EOF
{
  "iptables": false,
  "registry-mirrors": ["http://$LAB_REGISTRY"],
  "insecure-registries": ["$LAB_REGISTRY"],
  "features": {"buildkit": true}
}
EOF
  start_daemon dockerd dockerd --config-file "$LAB_STATE/daemon.json"
  wait_until 60 "dockerd on /var/run/docker.sock" docker_up ||
    { tail -n 30 "$LAB_LOGS/dockerd.log" >&2; die "dockerd did not start"; }
  STARTED+=("dockerd unix:///var/run/docker.sock (pid $(cat "$LAB_RUN/dockerd.pid"))")
}

buildkit_up() { "$LAB_BUILDCTL" --addr "$LAB_BUILDKIT_HOST" debug workers; }

start_buildkitd() {
  if lab_pid buildkitd >/dev/null; then return 0; fi
  mkdir -p "$LAB_CACHE/buildkit" "$LAB_RUN"
  # networkMode=host: RUN steps share the host network, so a build can reach the lab's GOPROXY on
  # 127.0.0.1 without --network host. Mirrors keep docker.io/gcr.io names resolvable offline.
  cat >"$LAB_STATE/buildkitd.toml" <<EOF
root = "$LAB_CACHE/buildkit"
insecure-entitlements = ["network.host", "security.insecure"]

[grpc]
  address = ["$LAB_BUILDKIT_HOST"]

[worker.oci]
  enabled = true
  networkMode = "host"
  platforms = ["linux/amd64", "linux/arm64"]

[worker.containerd]
  enabled = false

[registry."docker.io"]
  mirrors = ["$LAB_REGISTRY"]

[registry."gcr.io"]
  mirrors = ["$LAB_REGISTRY"]

[registry."$LAB_REGISTRY"]
  http = true
  insecure = true
EOF
  rm -f "$LAB_BUILDKIT_SOCK"
  start_daemon buildkitd "$LAB_BUILDKIT_BIN/buildkitd" --config "$LAB_STATE/buildkitd.toml"
  wait_until 60 "buildkitd on $LAB_BUILDKIT_HOST" buildkit_up ||
    { tail -n 30 "$LAB_LOGS/buildkitd.log" >&2; die "buildkitd did not start"; }
  STARTED+=("buildkitd $LAB_BUILDKIT_HOST (pid $(cat "$LAB_RUN/buildkitd.pid"))")
}

ensure_builder() {
  local inspect
  inspect="$("$LAB_DOCKER_CLI" buildx inspect "$LAB_BUILDER" 2>/dev/null || true)"
  if ! grep -q "Endpoint: *$LAB_BUILDKIT_HOST" <<<"$inspect"; then
    [[ -n "$inspect" ]] && run_logged buildx-rm "$LAB_DOCKER_CLI" buildx rm "$LAB_BUILDER"
    run_logged buildx-create "$LAB_DOCKER_CLI" buildx create --name "$LAB_BUILDER" --driver remote \
      "$LAB_BUILDKIT_HOST" || die "docker buildx create failed"
  fi
  run_logged buildx-inspect "$LAB_DOCKER_CLI" buildx inspect --bootstrap "$LAB_BUILDER" ||
    die "buildx builder $LAB_BUILDER does not answer"
  grep -q 'linux/arm64' "$LAB_LOGS/buildx-inspect.log" || die "builder $LAB_BUILDER lacks linux/arm64"
}

configure_podman() {
  mkdir -p /etc/containers/registries.conf.d /etc/containers/containers.conf.d
  local conf="/etc/containers/registries.conf.d/50-go-docker-lab.conf" tmp
  tmp="$(mktemp)"
  {
    echo "# Written by go-docker tools/lab/up.sh: resolve docker.io and gcr.io from the lab registry."
    for r in docker.io gcr.io; do
      printf '[[registry]]\nprefix = "%s"\nlocation = "%s"\n\n[[registry.mirror]]\nlocation = "%s"\ninsecure = true\n\n' \
        "$r" "$r" "$LAB_REGISTRY"
    done
    printf '[[registry]]\nlocation = "%s"\ninsecure = true\n' "$LAB_REGISTRY"
  } >"$tmp"
  cmp -s "$tmp" "$conf" || install -m 0644 "$tmp" "$conf"
  # No CAP_SYS_RESOURCE here: podman's default rlimits fail with
  # "error setting rlimit type 7: operation not permitted".
  printf '# Written by go-docker tools/lab/up.sh (this VM lacks CAP_SYS_RESOURCE).\n[containers]\ndefault_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]\n' >"$tmp"
  conf="/etc/containers/containers.conf.d/50-go-docker-lab.conf"
  cmp -s "$tmp" "$conf" || install -m 0644 "$tmp" "$conf"
  rm -f "$tmp"
}

goproxy_port_open() { (exec 3<>"/dev/tcp/${LAB_GOPROXY_ADDR%:*}/${LAB_GOPROXY_ADDR#*:}") 2>/dev/null; }

start_goproxy() {
  mkdir -p "$LAB_GOPROXY_ROOT"
  if lab_pid goproxy >/dev/null; then
    # A new goproxy binary (source changed) replaces the running one.
    [[ "$(cat "$LAB_RUN/goproxy.cmd")" == "$LAB_GOPROXY_BIN" ]] && return 0
    stop_daemon goproxy
  fi
  goproxy_port_open && die "something else already listens on $LAB_GOPROXY_ADDR (set GO_DOCKER_LAB_GOPROXY_PORT)"
  start_daemon goproxy "$LAB_GOPROXY_BIN" -addr "$LAB_GOPROXY_ADDR" -dir "$LAB_GOPROXY_ROOT"
  wait_until 15 "goproxy on $LAB_GOPROXY_ADDR" goproxy_port_open ||
    { tail -n 20 "$LAB_LOGS/goproxy.log" >&2; die "goproxy did not start"; }
  STARTED+=("goproxy http://$LAB_GOPROXY_ADDR serving $LAB_GOPROXY_ROOT (pid $(cat "$LAB_RUN/goproxy.pid"))")
}

# dockerd: its mirror covers docker.io only, and its image store keeps one platform per tag, so
# pull the host-arch variants and give gcr.io names to the distroless ones.
load_into_dockerd() {
  local t d repo tag _t
  for t in "${LAB_GO_TAGS[@]}"; do
    run_logged "docker-pull-golang-$t" "$LAB_DOCKER20_CLI" pull "docker.io/library/golang:$t" ||
      die "dockerd cannot pull docker.io/library/golang:$t through its mirror"
  done
  for d in "${LAB_DISTROLESS[@]}"; do
    IFS=: read -r repo tag _t <<<"$d"
    run_logged "docker-pull-$repo-$tag" "$LAB_DOCKER20_CLI" pull "$LAB_REGISTRY/distroless/$repo:$tag" ||
      die "dockerd cannot pull $LAB_REGISTRY/distroless/$repo:$tag"
    "$LAB_DOCKER20_CLI" tag "$LAB_REGISTRY/distroless/$repo:$tag" "gcr.io/distroless/$repo:$tag"
  done
}

write_env() {
  cat >"$LAB_STATE/env" <<EOF
# go-docker container lab, written by tools/lab/up.sh at $(date -u +%FT%TZ). Source it.
export GO_DOCKER_LAB_CACHE=$LAB_CACHE
export GO_DOCKER_LAB_STATE=$LAB_STATE
export GO_DOCKER_LAB_REGISTRY=$LAB_REGISTRY
export GO_DOCKER_LAB_BUILDER=$LAB_BUILDER
export GO_DOCKER_LAB_GOPROXY=http://$LAB_GOPROXY_ADDR
export GO_DOCKER_LAB_GOPROXY_DIR=$LAB_GOPROXY_DIR
export BUILDKIT_HOST=$LAB_BUILDKIT_HOST
export GO_DOCKER_LAB_BUILDCTL=$LAB_BUILDCTL
export GO_DOCKER_LAB_DOCKER=$LAB_DOCKER_CLI
export GO_DOCKER_LAB_DOCKER20=$LAB_DOCKER20_CLI
export GO_DOCKER_LAB_DOCKER_HOST=unix:///var/run/docker.sock
export GO_DOCKER_LAB_PODMAN=$(command -v podman)
export GO_DOCKER_LAB_GO_IMAGE=docker.io/library/golang:${LAB_GO_VERSION%.*}
export GO_DOCKER_LAB_RUNTIME_IMAGE=gcr.io/distroless/static-debian12:nonroot
export PATH=$LAB_BUILDKIT_BIN:\$PATH
EOF
}

main() {
  [[ $EUID -eq 0 ]] || die "run as root (daemons, apt, binfmt, /etc/containers)"
  mkdir -p "$LAB_CACHE" "$LAB_STATE" "$LAB_LOGS" "$LAB_RUN"
  ensure_packages
  ensure_binfmt
  ensure_tools
  start_registry
  start_dockerd
  start_buildkitd
  ensure_builder
  configure_podman
  start_goproxy
  ensure_images
  load_into_dockerd
  write_env
  log "lab up in $((SECONDS - T_START))s"
  if ((${#STARTED[@]})); then printf '  started: %s\n' "${STARTED[@]}" >&2; else echo "  everything was already running" >&2; fi
  cat >&2 <<EOF
  registry   http://$LAB_REGISTRY  (docker.io/* and gcr.io/* mirror target; storage $LAB_CACHE/registry)
  buildkitd  $LAB_BUILDKIT_HOST  (buildkit $BUILDKIT_VERSION, OCI worker, host network)
  builder    docker buildx --builder $LAB_BUILDER  (buildx $BUILDX_VERSION, remote driver)
  dockerd    unix:///var/run/docker.sock  (drive its built-in BuildKit with DOCKER_BUILDKIT=1 $LAB_DOCKER20_CLI build)
  goproxy    http://$LAB_GOPROXY_ADDR  (fill with tools/lab/goproxy-add.sh <module dir>)
  images     docker.io/library/golang:{${LAB_GO_TAGS[*]}}  gcr.io/distroless/{static,base}-debian12:{latest,nonroot}
  env        source <(bash tools/lab/env.sh)   # = $LAB_STATE/env
  logs       $LAB_LOGS
EOF
}

main "$@"
