# Test image: Debian's redis-server on the debootstrap base, in place of redis:7. Like the official image:
# `redis-server [options]` as user redis in /data, redis-cli on PATH.
ARG BASE_IMAGE=polyledger-test/debian-base:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update -q && apt-get install -y -q --no-install-recommends redis-server \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb \
    && mkdir -p /data && chown redis:redis /data
WORKDIR /data
USER redis
EXPOSE 6379
CMD ["redis-server"]
