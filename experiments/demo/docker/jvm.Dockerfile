# Mode `jvm`: the compiled classes on the local base image `staging-base/jre:17` (a Java runtime
# made from this machine's JDK by scripts/make-base-images.sh jre; no registry).
# Build context: the folder holding the built `classes/`, e.g.
#   javac --release 17 -d <out>/classes --source-path jvm/src jvm/src/demo/Main.java   (in the snapshot)
#   docker build -f experiments/demo/docker/jvm.Dockerfile -t <tag> <out>
# Run with the host network; the port comes from PORT: docker run --network host -e PORT=8080 <tag>
# The JVM flags are the deploy command's in staging.config.ts (docs/demo.md says why each).
FROM staging-base/jre:17
ARG STAGING_VERSION=
ARG STAGING_BUILD_FINGERPRINT=
ENV STAGING_MODE=jvm \
    STAGING_VERSION=${STAGING_VERSION} \
    STAGING_BUILD_FINGERPRINT=${STAGING_BUILD_FINGERPRINT} \
    PORT=8080
WORKDIR /app
COPY classes /app/classes
STOPSIGNAL SIGTERM
CMD ["java", "-Xms128m", "-Xmx128m", "-XX:+UseSerialGC", "-XX:+AlwaysPreTouch", "-XX:+PerfDisableSharedMem", "-XX:+ExitOnOutOfMemoryError", "-Xlog:disable", "-Xlog:all=warning:stderr", "-cp", "/app/classes", "demo.Main"]
