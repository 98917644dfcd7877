package dev.polyledger.audit.application.port.in;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The time window {@code [from, to)} of a reconciliation or a rebuild, at millisecond precision (the audit store's
 * date precision: both ends are truncated to milliseconds). Bounded so that one request cannot cost the whole history.
 *
 * @param from start, inclusive
 * @param to   end, exclusive, after {@code from}
 */
public record TimeWindow(Instant from, Instant to) {
    public TimeWindow {
        from = from.truncatedTo(ChronoUnit.MILLIS);
        to = to.truncatedTo(ChronoUnit.MILLIS);
        if (!from.isBefore(to)) {
            throw new InvalidQueryException("to", "to must be after from");
        }
    }

    /** The window's length. */
    public Duration length() {
        return Duration.between(from, to);
    }

    /**
     * The window of the HTTP parameters {@code from} and {@code to}, both required ISO-8601 instants.
     *
     * @param longest the longest window accepted
     * @throws InvalidQueryException naming the field: a missing or unparsable instant, {@code to} not after
     *                               {@code from}, or a window longer than {@code longest}
     */
    public static TimeWindow fromParameters(String from, String to, Duration longest) {
        Instant start = required("from", from);
        Instant end = required("to", to);
        TimeWindow window = new TimeWindow(start, end);
        if (window.length().compareTo(longest) > 0) {
            throw new InvalidQueryException("to", "the window from..to must be at most " + longest.toString()
                    .substring(2).toLowerCase() + " long: split it into several requests");
        }
        return window;
    }

    private static Instant required(String field, String text) {
        Instant value = AuditEventQuery.instant(field, text);
        if (value == null) {
            throw new InvalidQueryException(field, field + " is required (an ISO-8601 instant such as 2026-11-21T19:55:37Z)");
        }
        return value;
    }
}
