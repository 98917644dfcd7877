package dev.polyledger.audit.adapter.in.web;

import dev.polyledger.platform.http.ProblemCode;
import dev.polyledger.platform.http.ProblemType;

/**
 * The audit API's own problem codes; the platform-wide ones (VALIDATION_FAILED, NOT_FOUND, SERVICE_UNAVAILABLE,
 * INTERNAL_ERROR…) are {@link dev.polyledger.platform.http.PlatformProblem}.
 */
enum ErrorCode implements ProblemCode {
    AUDIT_RECORD_NOT_FOUND(404, "Audit record not found");

    private final ProblemType type;

    ErrorCode(int status, String title) {
        this.type = new ProblemType(status, title);
    }

    @Override
    public ProblemType type() {
        return type;
    }
}
