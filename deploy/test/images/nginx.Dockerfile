# Test image: Debian's nginx on the debootstrap base, in place of nginx:1.25. Like the official image, every
# /etc/nginx/templates/*.template is rendered at start with envsubst (only the variables set in the
# environment are replaced, so NGINX's own $variables stay) into /etc/nginx/conf.d/, included in http {}.
ARG BASE_IMAGE=polyledger-test/debian-base:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update -q && apt-get install -y -q --no-install-recommends nginx gettext-base \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb /etc/nginx/sites-enabled/default \
    && ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log
COPY nginx-entrypoint /usr/local/bin/
STOPSIGNAL SIGQUIT
EXPOSE 80
ENTRYPOINT ["/usr/local/bin/nginx-entrypoint"]
CMD ["nginx", "-g", "daemon off;"]
