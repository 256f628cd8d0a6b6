# Mode `bun`: the self-contained executable of `bun build --compile` on the local base image
# `staging-base/bun:1` (made by `docker import`; it only needs the glibc the executable links to).
# Build context: the folder holding the built `service`, e.g.
#   bun build --compile src/main.ts --outfile <out>/service   (in the snapshot)
#   docker build -f experiments/demo/docker/bun.Dockerfile -t <tag> <out>
# Run with the host network; the port comes from PORT: docker run --network host -e PORT=8080 <tag>
FROM staging-base/bun:1
ARG STAGING_VERSION=
ARG STAGING_BUILD_FINGERPRINT=
ENV STAGING_MODE=bun \
    STAGING_VERSION=${STAGING_VERSION} \
    STAGING_BUILD_FINGERPRINT=${STAGING_BUILD_FINGERPRINT} \
    PORT=8080
WORKDIR /app
COPY service /app/service
STOPSIGNAL SIGTERM
CMD ["/app/service"]
