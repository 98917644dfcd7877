package dev.polyledger.platform.http.ratelimit;

import io.micronaut.http.MutableHttpResponse;

/**
 * Writes the rate-limit headers of IETF draft-ietf-httpapi-ratelimit-headers (placeholder, completed below).
 */
public final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    public static void apply(MutableHttpResponse<?> response, RateLimitPolicy policy, RateLimitDecision decision) {
        throw new UnsupportedOperationException("not yet");
    }
}
