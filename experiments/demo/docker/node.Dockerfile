# Mode `node`: the esbuild bundle on the local base image `staging-base/node:20` (made by `docker import`).
# Build context: the folder holding the built `service.mjs`, e.g.
#   esbuild src/main.ts --bundle --platform=node --format=esm --outfile=<out>/service.mjs   (in the snapshot)
#   docker build -f experiments/demo/docker/node.Dockerfile -t <tag> <out>
# Run with the host network; the port comes from PORT: docker run --network host -e PORT=8080 <tag>
FROM staging-base/node:20
ARG STAGING_VERSION=
ARG STAGING_BUILD_FINGERPRINT=
ENV STAGING_MODE=node \
    STAGING_VERSION=${STAGING_VERSION} \
    STAGING_BUILD_FINGERPRINT=${STAGING_BUILD_FINGERPRINT} \
    PORT=8080 \
    NODE_ENV=production
WORKDIR /app
COPY service.mjs /app/service.mjs
STOPSIGNAL SIGTERM
CMD ["node", "/app/service.mjs"]
