# Test image: the project's dev-mongo (MongoDB-wire-compatible stand-in, mongo-java-server with an H2 file)
# in place of mongo:7, which no registry here provides. Build context: the repository root (the jar).
# dev-mongo listens on loopback only, so socat publishes it on the container's network at 27017.
ARG JRE_IMAGE=polyledger-test/jre
FROM ${JRE_IMAGE}
RUN apt-get update -q && apt-get install -y -q --no-install-recommends socat \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb \
    && useradd --system --uid 10001 --user-group --home-dir /data --shell /usr/sbin/nologin mongo \
    && mkdir -p /data && chown mongo:mongo /data
COPY dev-mongo/target/dev-mongo-0.1.0-SNAPSHOT.jar /app/dev-mongo.jar
COPY deploy/test/images/dev-mongo-entrypoint /usr/local/bin/
USER mongo
EXPOSE 27017
ENTRYPOINT ["/usr/local/bin/dev-mongo-entrypoint"]
