package dev.polyledger.platform.http.ratelimit;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;

/**
 * Writes the rate-limit header fields of the IETF draft "RateLimit header fields for HTTP",
 * draft-ietf-httpapi-ratelimit-headers-11 (May 2026; the syntax is unchanged since -08):
 * <ul>
 *   <li>{@code RateLimit-Policy: "default";q=<burst>;w=<window seconds>} (draft §3), on every response: the quota
 *       of {@code q} requests ({@link RateLimitPolicy#burst()}) per {@code w} seconds
 *       ({@link RateLimitPolicy#windowSeconds()}, the time an empty bucket takes to refill). This is never more
 *       permissive than the bucket itself, as §8.5 asks.</li>
 *   <li>{@code RateLimit: "default";r=<remaining>;t=<seconds>} (draft §4), when the limit was checked:
 *       for {@link RateLimitDecision.Allowed} {@code r} is the tokens left and {@code t} the seconds until the bucket
 *       is full again; for {@link RateLimitDecision.Limited} {@code r=0} and {@code t} is the {@code Retry-After}
 *       value, since §6 says Retry-After should not point earlier than the end of the effective window.</li>
 *   <li>{@code Retry-After: <seconds>} (RFC 9110 §10.2.3) for {@link RateLimitDecision.Limited}; the caller answers
 *       {@code 429 RATE_LIMITED}.</li>
 * </ul>
 * For {@link RateLimitDecision.Unchecked} (Redis unavailable, the request admitted) only the policy is sent: the
 * service does not know what is left, and a made-up {@code RateLimit} would be a claim it cannot back (§8.3).
 */
public final class RateLimitHeaders {

    /** Header field name of draft §3. */
    public static final String POLICY = "RateLimit-Policy";
    /** Header field name of draft §4. */
    public static final String LIMIT = "RateLimit";
    /** The one policy name the platform advertises: a per-API-key token bucket. */
    public static final String POLICY_NAME = "default";

    private RateLimitHeaders() {
    }

    /**
     * Sets (replacing any earlier value) the headers that {@code decision} calls for on {@code response}.
     *
     * @param response the response to write to, success or error alike (draft §6 allows both)
     * @param policy   the policy the decision was taken under
     * @param decision what {@link RateLimiter#tryAcquire} answered for this request
     */
    public static void apply(MutableHttpResponse<?> response, RateLimitPolicy policy, RateLimitDecision decision) {
        response.getHeaders().set(POLICY, policyValue(policy));
        String limit = limitValue(decision);
        if (limit != null) {
            response.getHeaders().set(LIMIT, limit);
        }
        if (decision instanceof RateLimitDecision.Limited limited) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
        }
    }

    /** The {@code RateLimit-Policy} value, e.g. {@code "default";q=1000;w=2} for 500/s with a burst of 1,000. */
    static String policyValue(RateLimitPolicy policy) {
        return '"' + POLICY_NAME + "\";q=" + policy.burst() + ";w=" + policy.windowSeconds();
    }

    /** The {@code RateLimit} value, or {@code null} when the limit was not checked. */
    static String limitValue(RateLimitDecision decision) {
        if (decision instanceof RateLimitDecision.Allowed allowed) {
            return '"' + POLICY_NAME + "\";r=" + allowed.remaining() + ";t=" + allowed.resetSeconds();
        }
        if (decision instanceof RateLimitDecision.Limited limited) {
            return '"' + POLICY_NAME + "\";r=0;t=" + limited.retryAfterSeconds();
        }
        return null;
    }
}
