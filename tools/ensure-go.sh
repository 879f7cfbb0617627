#!/usr/bin/env bash
# Makes a Go toolchain (>= the version below) available: the machine's, or one fetched once from the Go
# module proxy (toolchains are published there as golang.org/toolchain modules) into a cache directory.
# Source it: `. tools/ensure-go.sh` puts go on PATH.
GO_DOCKER_GO_VERSION="${GO_DOCKER_GO_VERSION:-1.26.8}"
go_docker_go_ok() {
  command -v go >/dev/null 2>&1 || return 1
  local have; have=$(go env GOVERSION 2>/dev/null | sed 's/^go//')
  [ "$(printf '%s\n%s\n' "$GO_DOCKER_GO_VERSION" "$have" | sort -V | head -n1)" = "$GO_DOCKER_GO_VERSION" ]
}
if ! go_docker_go_ok; then
  cache="${GO_DOCKER_CACHE:-$HOME/.cache/go-docker}/go${GO_DOCKER_GO_VERSION}"
  if [ ! -x "$cache/go/bin/go" ]; then
    arch=$(uname -m); case "$arch" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; esac
    proxy="${GOPROXY:-https://proxy.golang.org}"; proxy="${proxy%%,*}"
    url="$proxy/golang.org/toolchain/@v/v0.0.1-go${GO_DOCKER_GO_VERSION}.linux-${arch}.zip"
    echo "go-docker: fetching Go ${GO_DOCKER_GO_VERSION} from the Go module proxy" >&2
    mkdir -p "$cache" && curl -fsSL "$url" -o "$cache/toolchain.zip"
    (cd "$cache" && python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(".")' toolchain.zip && mv golang.org/toolchain@*/ go && rm -rf golang.org toolchain.zip && chmod -R +x go/bin go/pkg/tool)
  fi
  export PATH="$cache/go/bin:$PATH"
fi
