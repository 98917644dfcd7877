# Image of one Java service of the platform: api-node (also the one-shot `migrate`), audit-worker or
# notification-worker. One parameterised file:
#
#   docker build -f deploy/java.Dockerfile --build-arg SERVICE=api-node --build-arg PORT=8081 -t polyledger/api-node .
#
# (docker-compose.yml does this for the three services). The build context is the repository root;
# .dockerignore lets only the services' runnable jars and deploy/java/ in.
#
# Why the jars are copied, not built inside the image: `./mvnw -B -DskipTests package` on the host
# already builds them (the same command CI and bin/cluster use), and reuses the host's ~/.m2; a
# Maven stage inside the image would download the whole dependency tree again on every cold build
# (no cache mount without BuildKit on Compose 1.29) and needs a JDK image as well. So: package first,
# then build the images.
#
# Build arguments:
#   RUNTIME_IMAGE  a JRE 17 image with bash and useradd (default: the official eclipse-temurin:17-jre;
#                  the compose test uses polyledger-test/jre, Debian's openjdk-17-jre-headless)
#   SERVICE        api-node | audit-worker | notification-worker (the Maven module)
#   PORT           the port the service listens on, for EXPOSE and the HEALTHCHECK
#                  (api-node 8081, audit-worker 8090, notification-worker 8091)
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

# Stage 1: pick the service's jar and prepare /app (modes set here, so the runtime stage gets one
# layer with the right modes without BuildKit's COPY --chmod).
FROM ${RUNTIME_IMAGE} AS app
# Marks this stage's leftover (dangling) images, so that deploy/test/build-images can prune exactly them.
LABEL dev.polyledger.build-stage=app
ARG SERVICE=api-node
COPY ${SERVICE}/target/${SERVICE}-0.1.0-SNAPSHOT.jar /app/app.jar
COPY deploy/java/run deploy/java/healthcheck /app/bin/
RUN chmod 0444 /app/app.jar && chmod 0555 /app/bin/run /app/bin/healthcheck

# Stage 2: the runtime, a JRE only, running as an unprivileged user.
FROM ${RUNTIME_IMAGE}
ARG SERVICE=api-node
ARG PORT=8081
LABEL dev.polyledger.build-stage=runtime dev.polyledger.service=${SERVICE}
RUN useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin ledger
COPY --from=app /app /app
# Sized by the container's memory limit, not the host's: heap 75 % of the limit (mem_limit in
# docker-compose.yml), the rest for metaspace, threads and direct buffers. A JVM out of memory exits,
# and the container's restart policy brings it back. JAVA_OPTS replaces all of this; JAVA_OPTS_EXTRA adds.
ENV LEDGER_SERVICE=${SERVICE} \
    LEDGER_HEALTH_PORT=${PORT} \
    LEDGER_BIND_HOST=0.0.0.0 \
    JAVA_OPTS="-XX:InitialRAMPercentage=25 -XX:MaxRAMPercentage=75 -XX:MaxMetaspaceSize=128m -XX:+ExitOnOutOfMemoryError" \
    JAVA_OPTS_EXTRA=""
USER ledger:ledger
WORKDIR /app
EXPOSE ${PORT}
# /health of the service on its own port (200 only when every indicator is UP). The first start
# of a JVM takes a few seconds: start-period covers it.
HEALTHCHECK --interval=5s --timeout=4s --start-period=120s --retries=5 CMD ["/app/bin/healthcheck"]
ENTRYPOINT ["/app/bin/run"]
