package dev.polyledger.audit.adapter.in.web;

import dev.polyledger.platform.http.ProblemCode;

/**
 * The audit API's own problem codes; the platform-wide ones (VALIDATION_FAILED, NOT_FOUND, SERVICE_UNAVAILABLE,
 * INTERNAL_ERROR…) are {@link dev.polyledger.platform.http.PlatformProblem}.
 */
final class ErrorCode {
    static final ProblemCode AUDIT_RECORD_NOT_FOUND = ProblemCode.of("AUDIT_RECORD_NOT_FOUND", 404, "Audit record not found");

    private ErrorCode() {
    }
}
