# Test image: Debian's Prometheus on the debootstrap base, in place of prom/prometheus. Like the official
# image: ENTRYPOINT the prometheus binary (docker-compose.yml gives the flags), data in /prometheus,
# running as an unprivileged user; promtool on PATH.
ARG BASE_IMAGE=polyledger-test/debian-base:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update -q && apt-get install -y -q --no-install-recommends prometheus \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb \
    && mkdir -p /prometheus && chown prometheus:prometheus /prometheus
USER prometheus
WORKDIR /prometheus
EXPOSE 9090
ENTRYPOINT ["/usr/bin/prometheus"]
