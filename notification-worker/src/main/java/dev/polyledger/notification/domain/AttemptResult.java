package dev.polyledger.notification.domain;

import java.time.Duration;

/**
 * What one POST to an endpoint came to.
 *
 * @param statusCode the HTTP status, or 0 when there was none (timeout, connection refused, refused URL)
 * @param error      what went wrong, or null on 2xx
 * @param retryAfter the endpoint's {@code Retry-After} (seconds form), or null
 */
public record AttemptResult(int statusCode, String error, Duration retryAfter) {

    public static AttemptResult answered(int statusCode, Duration retryAfter) {
        boolean ok = statusCode >= 200 && statusCode < 300;
        return new AttemptResult(statusCode, ok ? null : "endpoint answered " + statusCode, retryAfter);
    }

    public static AttemptResult failed(String error) {
        return new AttemptResult(0, error, null);
    }

    public boolean delivered() {
        return statusCode >= 200 && statusCode < 300;
    }

    /** 410 Gone: the endpoint asks to be unsubscribed (Standard Webhooks, Svix). */
    public boolean gone() {
        return statusCode == 410;
    }
}
