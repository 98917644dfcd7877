# Test image: Debian's PostgreSQL 15 on the debootstrap base, in place of postgres:15. Speaks the official
# image's interface as far as docker-compose.yml uses it: POSTGRES_USER, POSTGRES_PASSWORD (required),
# POSTGRES_DB, data in /var/lib/postgresql/data, password (scram) for network clients, pg_isready on PATH.
ARG BASE_IMAGE=polyledger-test/debian-base:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update -q && apt-get install -y -q --no-install-recommends postgresql-15 \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb /var/lib/postgresql/15/main /etc/postgresql/15/main
ENV PATH=/usr/lib/postgresql/15/bin:$PATH PGDATA=/var/lib/postgresql/data
COPY postgres-entrypoint /usr/local/bin/
STOPSIGNAL SIGINT
EXPOSE 5432
ENTRYPOINT ["/usr/local/bin/postgres-entrypoint"]
CMD ["postgres"]
