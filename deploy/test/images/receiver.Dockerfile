# Test image: a webhook receiver for the compose test, on the debootstrap base with Debian's python3.
# Answers every POST with 204 and appends {"path", "headers", "body"} as one JSON line to
# /tmp/received.jsonl, which the test reads with `docker-compose exec`.
ARG BASE_IMAGE=polyledger-test/debian-base:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update -q && apt-get install -y -q --no-install-recommends python3 \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb
COPY receiver.py /usr/local/bin/
USER nobody
EXPOSE 8099
CMD ["python3", "/usr/local/bin/receiver.py"]
