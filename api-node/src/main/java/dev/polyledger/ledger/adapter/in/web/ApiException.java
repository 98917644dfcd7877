package dev.polyledger.ledger.adapter.in.web;

/** An HTTP-level refusal with a stable code, answered as problem+json by {@link ProblemResponses}. */
class ApiException extends RuntimeException {
    final ErrorCode code;
    final Long retryAfterSeconds;

    ApiException(ErrorCode code, String detail) {
        this(code, detail, null);
    }

    ApiException(ErrorCode code, String detail, Long retryAfterSeconds) {
        super(detail);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }
}
