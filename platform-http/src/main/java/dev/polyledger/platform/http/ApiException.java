package dev.polyledger.platform.http;

/**
 * A refusal a handler raises to answer with a problem: the status, stable code and title of its kind, the
 * detail of this request, and optionally a {@code Retry-After} in seconds.
 */
public class ApiException extends RuntimeException {
    private final Problem problem;
    private final Long retryAfterSeconds;

    public ApiException(Problem problem) {
        this(problem, null);
    }

    public ApiException(Problem problem, Long retryAfterSeconds) {
        super(problem.detail());
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Problem problem() {
        return problem;
    }

    /** Seconds the client should wait before retrying, or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
