FROM gcr.io/distroless/static-debian12:nonroot
ARG TARGETOS
ARG TARGETARCH
USER 1001:1001
COPY dist/apps/api/${TARGETOS}_${TARGETARCH}/api /usr/local/bin/api
ENTRYPOINT ["/usr/local/bin/api"]
