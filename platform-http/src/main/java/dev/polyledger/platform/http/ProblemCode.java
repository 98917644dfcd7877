package dev.polyledger.platform.http;

/**
 * A kind of problem a service answers with: its stable code (the enum constant's name) and its
 * {@link ProblemType} (HTTP status and title). The platform-wide codes are {@link PlatformProblem}; a service lists
 * only its own as an enum implementing this, one line per code:
 * <pre>
 * enum ErrorCode implements ProblemCode {
 *     ACCOUNT_NOT_FOUND(404, "Account not found");
 *
 *     private final ProblemType type;
 *     ErrorCode(int status, String title) { this.type = new ProblemType(status, title); }
 *     public ProblemType type() { return type; }
 * }
 * </pre>
 */
public interface ProblemCode {

    /** The stable code, e.g. {@code VALIDATION_FAILED}. */
    String name();

    /** The status and title every problem of this kind has. */
    ProblemType type();

    /** The HTTP status, e.g. 400. */
    default int status() {
        return type().status();
    }

    /** Short summary of the kind of problem. */
    default String title() {
        return type().title();
    }

    /** This kind of problem for one request. */
    default Problem problem(String detail) {
        return Problem.of(status(), name(), title(), detail);
    }

    /** An exception that answers with {@link #problem(String)}. */
    default ApiException exception(String detail) {
        return new ApiException(problem(detail));
    }
}
