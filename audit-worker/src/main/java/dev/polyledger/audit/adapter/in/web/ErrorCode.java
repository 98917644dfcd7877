package dev.polyledger.audit.adapter.in.web;

import dev.polyledger.platform.http.ApiException;
import dev.polyledger.platform.http.Problem;

/**
 * The problem codes of the audit API besides the platform-wide ones of {@code platform-http} (NOT_FOUND,
 * METHOD_NOT_ALLOWED, SERVICE_UNAVAILABLE, INTERNAL_ERROR…).
 */
enum ErrorCode {
    VALIDATION_FAILED(400, "Request is not valid"),
    AUDIT_RECORD_NOT_FOUND(404, "Audit record not found");

    final int status;
    final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    Problem problem(String detail) {
        return Problem.of(status, name(), title, detail);
    }

    ApiException exception(String detail) {
        return new ApiException(problem(detail));
    }
}
