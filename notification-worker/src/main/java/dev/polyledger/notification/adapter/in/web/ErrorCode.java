package dev.polyledger.notification.adapter.in.web;

import dev.polyledger.platform.http.ProblemCode;

/**
 * The webhooks API's own problem codes; the platform-wide ones (VALIDATION_FAILED, IDEMPOTENCY_KEY_*,
 * SERVICE_UNAVAILABLE…) are {@link dev.polyledger.platform.http.PlatformProblem}.
 */
final class ErrorCode {
    static final ProblemCode WEBHOOK_NOT_FOUND = ProblemCode.of("WEBHOOK_NOT_FOUND", 404, "Webhook subscription not found");

    private ErrorCode() {
    }
}
