# shellcheck shell=bash
# Offline stand-in base images, sourced by up.sh (needs lib.sh, a running registry and buildkitd).
# Images are pushed to the lab registry as multi-arch lists under the paths the mirrors map the real
# names to (docker.io/library/golang -> 127.0.0.1:5000/library/golang, gcr.io/distroless/x ->
# 127.0.0.1:5000/distroless/x), so Dockerfiles keep their real image names.

LAB_ARCHES=(amd64 arm64)
LAB_GO_TAGS=("$LAB_GO_VERSION" "${LAB_GO_VERSION%.*}" "$LAB_GO_VERSION-$DEBIAN_SUITE" "${LAB_GO_VERSION%.*}-$DEBIAN_SUITE")
LAB_DISTROLESS=(static-debian12:latest:static static-debian12:nonroot:static-nonroot
                base-debian12:latest:base base-debian12:nonroot:base-nonroot)
DEBOOTSTRAP_INCLUDE="ca-certificates,git,gcc,libc6-dev,tzdata"

# images_key: hash of every input of the images; a changed input rebuilds them.
images_key() {
  { echo "$DEBIAN_SUITE $DEBIAN_MIRROR $DEBOOTSTRAP_INCLUDE $LAB_GO_VERSION ${LAB_ARCHES[*]}"
    cat "$LAB_DIR/images.sh" "$LAB_DIR/images/golang.Dockerfile" "$LAB_DIR/images/distroless.Dockerfile"
  } | sha256sum | cut -c1-16
}

registry_has() { # registry_has REPO TAG: the manifest (list) exists in the lab registry
  curl -fsS -o /dev/null --max-time 5 -I \
    -H 'Accept: application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json' \
    "http://$LAB_REGISTRY/v2/$1/manifests/$2"
}

all_images_present() {
  local t d
  for t in "${LAB_GO_TAGS[@]}"; do registry_has library/golang "$t" || return 1; done
  for d in "${LAB_DISTROLESS[@]}"; do
    IFS=: read -r repo tag _ <<<"$d"; registry_has "distroless/$repo" "$tag" || return 1
  done
}

# debootstrap_arch ARCH: minbase bookworm rootfs in $LAB_CACHE/rootfs/ARCH (arm64 runs its second
# stage under qemu-user-static through binfmt_misc).
debootstrap_arch() {
  local arch="$1" root="$LAB_CACHE/rootfs/$arch"
  local key="$DEBIAN_SUITE $DEBIAN_MIRROR $DEBOOTSTRAP_INCLUDE $arch"
  [[ "$(cat "$root.done" 2>/dev/null)" == "$key" ]] && return 0
  local m; for m in proc sys dev/pts dev; do mountpoint -q "$root/$m" 2>/dev/null && umount -l "$root/$m"; done
  rm -rf "$root" "$root.done"
  mkdir -p "$root" "$LAB_CACHE/debs"
  debootstrap --variant=minbase --arch="$arch" --include="$DEBOOTSTRAP_INCLUDE" \
    --cache-dir="$LAB_CACHE/debs" "$DEBIAN_SUITE" "$root" "$DEBIAN_MIRROR"
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb
  echo "$key" >"$root.done"
}

# go_toolchain ARCH: print the GOROOT of the official Go release for ARCH. The Go module proxy
# serves every release as module golang.org/toolchain (that is how GOTOOLCHAIN downloads work).
go_toolchain() {
  GOMODCACHE="$LAB_CACHE/go/mod" GOFLAGS= GOTOOLCHAIN=local \
    go mod download -json "golang.org/toolchain@v0.0.1-go$LAB_GO_VERSION.linux-$1" | jq -er .Dir
}

# prepare_contexts: the per-arch tars the two Dockerfiles ADD.
prepare_contexts() {
  local arch root goroot ctx="$LAB_CACHE/images/ctx"
  rm -rf "$ctx"; mkdir -p "$ctx"
  for arch in "${LAB_ARCHES[@]}"; do
    root="$LAB_CACHE/rootfs/$arch"
    goroot="$(go_toolchain "$arch")"
    # golang: the debootstrap rootfs + GOROOT at /usr/local/go + /go like the official image.
    rm -rf "$root/usr/local/go" "$root/go"
    cp -a "$goroot" "$root/usr/local/go" && chmod -R u+w "$root/usr/local/go"
    # Module zips carry no mode bits: mark the tools executable like `go` does for GOTOOLCHAIN.
    chmod a+x "$root/usr/local/go/bin/"* "$root/usr/local/go/pkg/tool/"*/*
    mkdir -p "$root/go/src" "$root/go/bin" && chmod -R 1777 "$root/go"
    tar -C "$root" --numeric-owner --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' \
      -cf "$ctx/rootfs-$arch.tar" .

    # distroless/static: certs, zoneinfo, users, nsswitch; no shell, no libc.
    local s="$ctx/static-$arch" b="$ctx/base-$arch"
    mkdir -p "$s/etc/ssl/certs" "$s/usr/share" "$s/tmp" "$s/root" "$s/home/nonroot"
    cp -a "$root/etc/ssl/certs/ca-certificates.crt" "$s/etc/ssl/certs/"
    cp -a "$root/usr/share/zoneinfo" "$s/usr/share/"
    cp -a "$root/etc/os-release" "$s/etc/" 2>/dev/null || cp -L "$root/usr/lib/os-release" "$s/etc/os-release"
    printf '%s\n' 'root:x:0:0:root:/root:/sbin/nologin' \
      'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin' \
      'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin' >"$s/etc/passwd"
    printf '%s\n' 'root:x:0:' 'nonroot:x:65532:' 'nobody:x:65534:' 'tty:x:5:' 'staff:x:50:' >"$s/etc/group"
    echo 'hosts: files dns' >"$s/etc/nsswitch.conf"
    chmod 1777 "$s/tmp"; chmod 700 "$s/root"; chown 65532:65532 "$s/home/nonroot"

    # distroless/base: static + glibc (every file of that arch's libc6 package but docs/locales),
    # with the merged-/usr symlinks (lib -> usr/lib, lib64 -> usr/lib64) the loader path needs.
    cp -a "$s" "$b"
    local l; for l in lib lib32 lib64; do
      if [[ -L "$root/$l" ]]; then mkdir -p "$b/$(readlink "$root/$l")"; cp -a "$root/$l" "$b/$l"; fi
    done
    (cd "$root" && sed -n 's#^/##p' "var/lib/dpkg/info/libc6:$arch.list" | grep -v '^usr/share/' |
      while IFS= read -r f; do [[ -d "$f" && ! -L "$f" ]] || printf '%s\0' "$f"; done |
      xargs -0 cp -a --parents -t "$b")
    [[ -e "$b/etc/ld.so.conf" ]] || cp -a "$root/etc/ld.so.conf" "$b/etc/" 2>/dev/null || true
    tar -C "$s" --numeric-owner -cf "$ctx/static-$arch.tar" .
    tar -C "$b" --numeric-owner -cf "$ctx/base-$arch.tar" .
    rm -rf "$s" "$b"
  done
}

# buildctl_push DOCKERFILE TARGET IMAGE [OUTPUT-OPTS]: two-arch build on the lab buildkitd, pushed.
buildctl_push() {
  local dockerfile="$1" target="$2" image="$3" extra="${4:-}"
  local args=(--addr "$LAB_BUILDKIT_HOST" build --frontend dockerfile.v0
    --local context="$LAB_CACHE/images/ctx" --local dockerfile="$LAB_DIR/images"
    --opt filename="$dockerfile" --opt platform=linux/amd64,linux/arm64
    --opt build-arg:GO_VERSION="$LAB_GO_VERSION" --progress plain
    --output "type=image,name=$image,push=true$extra")
  [[ -n "$target" ]] && args+=(--opt target="$target")
  "$LAB_BUILDCTL" "${args[@]}"
}

# tag_in_registry REPO SRC DST: another tag for an existing list (blobs are already there).
tag_in_registry() {
  skopeo copy --all --src-tls-verify=false --dest-tls-verify=false \
    "docker://$LAB_REGISTRY/$1:$2" "docker://$LAB_REGISTRY/$1:$3"
}

ensure_images() {
  local key stamp="$LAB_CACHE/images/stamp"
  key="$(images_key)"
  if [[ "$(cat "$stamp" 2>/dev/null)" == "$key" ]] && all_images_present; then
    log "stand-in images up to date in $LAB_REGISTRY (inputs $key)"
    return 0
  fi
  log "building stand-in images (inputs $key); cold this takes several minutes"
  local arch pids=() t0=$SECONDS
  for arch in "${LAB_ARCHES[@]}"; do
    run_logged "debootstrap-$arch" debootstrap_arch "$arch" & pids+=($!)
  done
  local p; for p in "${pids[@]}"; do wait "$p" || die "debootstrap failed (see above)"; done
  log "rootfs amd64+arm64 ready ($((SECONDS - t0))s)"
  run_logged images-context prepare_contexts || die "preparing image contexts failed"
  run_logged image-golang buildctl_push golang.Dockerfile "" \
    "$LAB_REGISTRY/library/golang:$LAB_GO_VERSION" ",compression=gzip,compression-level=1,force-compression=true" \
    || die "building the golang stand-in failed"
  for t in "${LAB_GO_TAGS[@]:1}"; do
    run_logged "tag-golang-$t" tag_in_registry library/golang "$LAB_GO_VERSION" "$t" || die "tagging golang:$t failed"
  done
  local d repo tag target
  for d in "${LAB_DISTROLESS[@]}"; do
    IFS=: read -r repo tag target <<<"$d"
    run_logged "image-$repo-$tag" buildctl_push distroless.Dockerfile "$target" "$LAB_REGISTRY/distroless/$repo:$tag" \
      || die "building distroless/$repo:$tag failed"
  done
  all_images_present || die "images missing from $LAB_REGISTRY after the build"
  rm -rf "$LAB_CACHE/images/ctx"
  # podman keeps pulled bases and would not look again (pull policy "missing"): drop old copies.
  local names; names="$(podman images --format '{{.Repository}}:{{.Tag}}' 2>/dev/null |
    grep -E '^(docker\.io/library/golang|gcr\.io/distroless/)' || true)"
  [[ -z "$names" ]] || podman rmi -f $names >/dev/null 2>&1 || true
  echo "$key" >"$stamp"
  { echo "inputs=$key built=$(date -u +%FT%TZ) seconds=$((SECONDS - t0))"
    echo "golang tags: ${LAB_GO_TAGS[*]} <- debootstrap $DEBIAN_SUITE minbase +$DEBOOTSTRAP_INCLUDE, golang.org/toolchain@v0.0.1-go$LAB_GO_VERSION.linux-{amd64,arm64}"
    echo "distroless: ${LAB_DISTROLESS[*]} <- files of the same rootfs"
  } >"$LAB_CACHE/images/manifest.txt"
  log "stand-in images built and pushed ($((SECONDS - t0))s)"
}
