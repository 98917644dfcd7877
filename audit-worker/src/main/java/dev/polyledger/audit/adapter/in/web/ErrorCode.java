package dev.polyledger.audit.adapter.in.web;

import dev.polyledger.platform.http.ProblemCode;

/**
 * The problem codes of the audit API besides the platform-wide ones of {@code platform-http} (NOT_FOUND,
 * METHOD_NOT_ALLOWED, SERVICE_UNAVAILABLE, INTERNAL_ERROR…).
 */
enum ErrorCode implements ProblemCode {
    VALIDATION_FAILED(400, "Request is not valid"),
    AUDIT_RECORD_NOT_FOUND(404, "Audit record not found");

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
