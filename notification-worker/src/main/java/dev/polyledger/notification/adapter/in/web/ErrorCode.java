package dev.polyledger.notification.adapter.in.web;

import dev.polyledger.platform.http.ProblemCode;

/** The problems the webhooks API answers with (besides the platform-wide ones of {@code ProblemHandlers}). */
enum ErrorCode implements ProblemCode {
    VALIDATION_FAILED(400, "Request validation failed"),
    IDEMPOTENCY_KEY_MISSING(400, "Idempotency-Key header is required"),
    IDEMPOTENCY_KEY_INVALID(400, "Idempotency-Key header is malformed"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency-Key was used for a different request"),
    WEBHOOK_NOT_FOUND(404, "Webhook subscription not found");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
