# Offline stand-ins for gcr.io/distroless/{static,base}-debian12:{latest,nonroot}, assembled by
# tools/lab/images.sh from per-arch tars (ADD keeps the tar's ownership, e.g. /home/nonroot).
FROM scratch AS static
ARG TARGETARCH
ADD static-${TARGETARCH}.tar /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt

FROM static AS static-nonroot
USER 65532:65532
WORKDIR /home/nonroot

FROM scratch AS base
ARG TARGETARCH
ADD base-${TARGETARCH}.tar /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt

FROM base AS base-nonroot
USER 65532:65532
WORKDIR /home/nonroot
