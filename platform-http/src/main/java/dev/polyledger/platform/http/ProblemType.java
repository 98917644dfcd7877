package dev.polyledger.platform.http;

/**
 * What every problem of one kind shares: its HTTP status and its title (RFC 9457 section 3.1: the title does not
 * change from occurrence to occurrence). A {@link ProblemCode} constant holds one.
 *
 * @param status the HTTP status, 400-599
 * @param title  short, human-readable summary of the kind of problem
 */
public record ProblemType(int status, String title) {
    public ProblemType {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem's status is 4xx or 5xx, was " + status);
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a problem needs a title");
        }
    }
}
