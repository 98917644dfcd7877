package dev.polyledger.platform.http;

/**
 * A kind of problem a service answers with: its stable code and its {@link ProblemType} (HTTP status and title).
 * The platform-wide codes are the enum {@link PlatformProblem}; a service lists only its own, one line per code:
 * <pre>
 * final class ErrorCode {
 *     static final ProblemCode ACCOUNT_NOT_FOUND = ProblemCode.of("ACCOUNT_NOT_FOUND", 404, "Account not found");
 * }
 * </pre>
 */
public interface ProblemCode {

    /**
     * A code of a service's own.
     *
     * @param code   upper-case letters, digits and underscores, starting with a letter, e.g. {@code ACCOUNT_NOT_FOUND}
     * @throws IllegalArgumentException for a code of another form, a status outside 400-599 or a blank title
     */
    static ProblemCode of(String code, int status, String title) {
        return new Code(code, new ProblemType(status, title));
    }

    /** A code made by {@link #of}. */
    record Code(String name, ProblemType type) implements ProblemCode {
        public Code {
            if (name == null || !name.matches("[A-Z][A-Z0-9_]*")) {
                throw new IllegalArgumentException("a problem code is UPPER_SNAKE_CASE, was " + name);
            }
        }
    }

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
