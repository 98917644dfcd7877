package dev.polyledger.notification.adapter.in.web;

import dev.polyledger.platform.http.ProblemCode;
import dev.polyledger.platform.http.ProblemType;

/**
 * The webhooks API's own problem codes; the platform-wide ones (VALIDATION_FAILED, IDEMPOTENCY_KEY_*,
 * SERVICE_UNAVAILABLE…) are {@link dev.polyledger.platform.http.PlatformProblem}.
 */
enum ErrorCode implements ProblemCode {
    WEBHOOK_NOT_FOUND(404, "Webhook subscription not found");

    private final ProblemType type;

    ErrorCode(int status, String title) {
        this.type = new ProblemType(status, title);
    }

    @Override
    public ProblemType type() {
        return type;
    }
}
