package dev.polyledger.platform.http;

import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every request has an {@code X-Request-Id} (api-contract.md, "Entry point"): the client's (or NGINX's) when it
 * is 1..200 visible ASCII characters (NGINX's own limit), a new UUID otherwise. It is set on the request, so
 * handlers, the access log, events and audit records see the same id, and echoed on every response, errors
 * included.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(RequestIdFilter.ORDER)
public class RequestIdFilter {
    /**
     * First of all filters ({@code ServerFilterPhase.FIRST.order()}), so that every other filter, and every answer
     * one of them gives early (e.g. {@code 401}), sees the request id. A filter without an order would not be
     * guaranteed to run after it.
     */
    public static final int ORDER = -1000;
    public static final String HEADER = "X-Request-Id";
    private static final Pattern ACCEPTED = Pattern.compile("[\\x21-\\x7E]{1,200}");

    @RequestFilter
    void assignRequestId(MutableHttpRequest<?> request) {
        String given = request.getHeaders().get(HEADER);
        if (given == null || !ACCEPTED.matcher(given).matches()) {
            request.getHeaders().set(HEADER, UUID.randomUUID().toString());
        }
    }

    @ResponseFilter
    void echoRequestId(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String id = request.getHeaders().get(HEADER);
        if (id != null) {
            response.getHeaders().set(HEADER, id);
        }
    }

    /** The request's id, as assigned by this filter. */
    public static String of(HttpRequest<?> request) {
        return request.getHeaders().get(HEADER);
    }
}
