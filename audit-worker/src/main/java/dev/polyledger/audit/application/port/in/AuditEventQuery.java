package dev.polyledger.audit.application.port.in;

import dev.polyledger.events.EventType;
import dev.polyledger.events.Uuids;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A search of audit snapshots, newest first ({@code occurredAt} descending, then {@code eventId} descending).
 * Always scoped to one tenant (the caller's: never a parameter of the request); every other criterion is optional,
 * and the ones given must all match.
 *
 * <p>Times are compared at millisecond precision (the store's date precision): {@code from} is inclusive,
 * {@code to} exclusive.
 *
 * @param tenantId   the tenant whose snapshots are searched; required
 * @param accountId  snapshots touching this account (a transfer's source or destination, or the account)
 * @param transferId snapshots of this transfer
 * @param type       snapshots of this event type
 * @param from       occurredAt >= from; see {@link #withDefaultWindow} for its default
 * @param to         occurredAt < to; after {@code from} when both are given
 * @param limit      page size, {@value #MIN_LIMIT}..{@value #MAX_LIMIT}
 * @param after      where the previous page ended; null for the first page
 */
public record AuditEventQuery(
        String tenantId,
        UUID accountId,
        UUID transferId,
        EventType type,
        Instant from,
        Instant to,
        int limit,
        PageCursor after) {
    public static final int MIN_LIMIT = 1;
    public static final int MAX_LIMIT = 500;
    public static final int DEFAULT_LIMIT = 50;
    /** The earliest {@code from}/{@code to} accepted: a BSON date holds it, and a default window before it fits. */
    public static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    /** The latest {@code from}/{@code to} accepted. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    /** @throws InvalidQueryException when {@code limit} is out of range or {@code to} is not after {@code from} */
    public AuditEventQuery {
        if (tenantId == null || tenantId.isBlank()) {
            throw new IllegalArgumentException("tenantId is required");
        }
        if (limit < MIN_LIMIT || limit > MAX_LIMIT) {
            throw new InvalidQueryException("limit", "limit must be " + MIN_LIMIT + ".." + MAX_LIMIT + ", was " + limit);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidQueryException("to", "to must be after from");
        }
    }

    /**
     * This query, or, when it has neither {@code from} nor {@code accountId} nor {@code transferId}, the same query
     * limited to {@code [end - window, end)} where {@code end} is {@code to}, or {@code now} when {@code to} is absent
     * too. So an unfiltered query reads one window of the history, not all of it; an account's or a transfer's
     * history, bounded by its own size, is still searched in full. The next page of a defaulted window is computed
     * again from its own {@code now}: the cursor keeps it below the previous page.
     *
     * @param now    the current time
     * @param window the default window's length, positive
     */
    public AuditEventQuery withDefaultWindow(Instant now, java.time.Duration window) {
        if (from != null || accountId != null || transferId != null) {
            return this;
        }
        Instant end = to != null ? to : now;
        Instant start = end.isBefore(Instant.MIN.plus(window)) ? Instant.MIN : end.minus(window);
        return new AuditEventQuery(tenantId, null, null, type, start, to, limit, after);
    }

    /**
     * The query of the HTTP parameters, each absent when null or empty, within the caller's tenant.
     *
     * @throws InvalidQueryException naming the first parameter that is not acceptable: an id that is not a UUID,
     *                               an unknown type, a time that is not an ISO-8601 instant
     *                               ({@code 2026-11-21T19:55:37Z}, offsets allowed) or one outside
     *                               {@link #EARLIEST}..{@link #LATEST}, a limit that is not an
     *                               integer in range, a cursor this API did not return
     */
    public static AuditEventQuery fromParameters(String tenantId, String accountId, String transferId, String type, String from,
                                                 String to, String limit, String cursor) {
        return new AuditEventQuery(
                tenantId,
                uuid("accountId", accountId),
                uuid("transferId", transferId),
                type("type", type),
                instant("from", from),
                instant("to", to),
                limit("limit", limit),
                blank(cursor) ? null : PageCursor.decode(cursor));
    }

    private static boolean blank(String text) {
        return text == null || text.isEmpty();
    }

    private static UUID uuid(String field, String text) {
        if (blank(text)) {
            return null;
        }
        return Uuids.parse(text).orElseThrow(() -> new InvalidQueryException(field, field + " must be a UUID"));
    }

    private static EventType type(String field, String text) {
        if (blank(text)) {
            return null;
        }
        return EventType.fromRoutingKey(text).orElseThrow(() -> new InvalidQueryException(field,
                field + " must be one of " + Arrays.stream(EventType.values()).map(EventType::routingKey)
                        .collect(Collectors.joining(", "))));
    }

    /** The instant of a query parameter; null when absent. @throws InvalidQueryException when unparsable or out of range */
    static Instant instant(String field, String text) {
        if (blank(text)) {
            return null;
        }
        Instant value;
        try {
            value = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(field, field + " must be an ISO-8601 instant such as 2026-11-21T19:55:37Z");
        }
        if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
            // Found by fuzzing (issue 14): a BSON date (java.util.Date) cannot hold such instants, Date.from fails.
            throw new InvalidQueryException(field, field + " must be between " + EARLIEST + " and " + LATEST);
        }
        return value;
    }

    private static int limit(String field, String text) {
        if (blank(text)) {
            return DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidQueryException(field, field + " must be an integer " + MIN_LIMIT + ".." + MAX_LIMIT);
        }
    }
}
