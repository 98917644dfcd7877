# Test image: Debian's rabbitmq-server (3.10) with the management plugin on the debootstrap base, in place
# of rabbitmq:3-management. Like the official image: RABBITMQ_DEFAULT_USER / RABBITMQ_DEFAULT_PASS create
# the first user, data in /var/lib/rabbitmq, rabbitmq-diagnostics on PATH.
ARG BASE_IMAGE=polyledger-test/debian-base:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update -q && apt-get install -y -q --no-install-recommends rabbitmq-server \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb \
    && rabbitmq-plugins enable --offline rabbitmq_management >/dev/null
COPY rabbitmq-entrypoint /usr/local/bin/
EXPOSE 5672 15672
ENTRYPOINT ["/usr/local/bin/rabbitmq-entrypoint"]
