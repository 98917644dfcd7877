# Test image: Debian's JRE 17 on the debootstrap base, in place of eclipse-temurin:17-jre (RUNTIME_IMAGE of
# deploy/java.Dockerfile) where no registry is reachable. Built by deploy/test/build-images.
ARG BASE_IMAGE=polyledger-test/debian-base:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update -q && apt-get install -y -q --no-install-recommends openjdk-17-jre-headless \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb
