# Offline stand-in for docker.io/library/golang:<ver>-bookworm, assembled by tools/lab/images.sh.
# No RUN step: the per-arch rootfs tar (debootstrap + Go toolchain) is prepared on the host, so
# assembling the arm64 variant needs no emulation.
FROM scratch
ARG TARGETARCH
ADD rootfs-${TARGETARCH}.tar /
ARG GO_VERSION
ENV GOLANG_VERSION=${GO_VERSION} \
    GOTOOLCHAIN=local \
    GOPATH=/go \
    PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
WORKDIR /go
CMD ["bash"]
