package dev.polyledger.platform.http;

import java.util.Optional;

/**
 * The problem codes every service of the platform answers with alike, each with its one title. A service's own
 * enum of {@link ProblemCode}s adds only the codes of its domain (e.g. {@code ACCOUNT_NOT_FOUND}); a code is never
 * listed twice.
 */
public enum PlatformProblem implements ProblemCode {
    /** A request that breaks the contract; the body names the {@code field} when one is at fault. */
    VALIDATION_FAILED(400, "Request is not valid"),
    /** No route at that path (an id that is not a UUID names nothing either: the service's own NOT_FOUND). */
    NOT_FOUND(404, "Not Found"),
    METHOD_NOT_ALLOWED(405, "Method Not Allowed"),
    NOT_ACCEPTABLE(406, "Not Acceptable"),
    REQUEST_TOO_LARGE(413, "Request Entity Too Large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type"),
    /** A {@code POST} without an {@code Idempotency-Key} header ({@link IdempotencyKeys}). */
    IDEMPOTENCY_KEY_MISSING(400, "Idempotency-Key header is required"),
    /** An {@code Idempotency-Key} that is not 1-255 printable ASCII characters ({@link IdempotencyKeys}). */
    IDEMPOTENCY_KEY_INVALID(400, "Idempotency-Key header is malformed"),
    /** The key was used before with another request (another route, body or caller). */
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency-Key was used with another request"),
    /** The first request with the key has not finished; with {@code Retry-After}. */
    IDEMPOTENCY_KEY_IN_FLIGHT(409, "A request with this Idempotency-Key is in progress"),
    /** A dependency is out of reach ({@link UnavailableDependency}); nothing was written; with {@code Retry-After}. */
    SERVICE_UNAVAILABLE(503, "Service temporarily unavailable"),
    /** Our fault; the detail carries the request id, never a stack trace. */
    INTERNAL_ERROR(500, "Internal error");

    private final ProblemType type;

    PlatformProblem(int status, String title) {
        this.type = new ProblemType(status, title);
    }

    @Override
    public ProblemType type() {
        return type;
    }

    /** The platform code of a status the framework answers with by itself, if there is one. */
    static Optional<PlatformProblem> ofFrameworkStatus(int status) {
        return Optional.ofNullable(switch (status) {
            case 400 -> VALIDATION_FAILED;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> REQUEST_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : null;
        });
    }
}
