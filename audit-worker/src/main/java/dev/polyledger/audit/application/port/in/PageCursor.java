package dev.polyledger.audit.application.port.in;

import dev.polyledger.events.Uuids;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * The position after the last item of a page of audit events, newest first: the next page holds the snapshots
 * that sort after ({@code occurredAt}, {@code eventId}) in descending order.
 *
 * <p>Opaque to clients: base64url (no padding) of {@code <occurredAt ISO-8601>/<eventId>}. {@code occurredAt} is
 * kept at millisecond precision, the precision at which the store compares times.
 *
 * @param occurredAt the last item's occurredAt, truncated to milliseconds
 * @param eventId    the last item's eventId
 */
public record PageCursor(Instant occurredAt, UUID eventId) {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_LENGTH = 200;

    public PageCursor {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(eventId, "eventId");
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The opaque text handed to clients as {@code nextCursor}. */
    public String encode() {
        return ENCODER.encodeToString((occurredAt + "/" + eventId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws InvalidQueryException (field {@code cursor}) for any text {@link #encode()} did not produce
     */
    public static PageCursor decode(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            throw invalid();
        }
        try {
            String plain = new String(DECODER.decode(text), StandardCharsets.UTF_8);
            int slash = plain.indexOf('/');
            if (slash < 0) {
                throw invalid();
            }
            UUID id = Uuids.parse(plain.substring(slash + 1)).orElseThrow(PageCursor::invalid);
            return new PageCursor(Instant.parse(plain.substring(0, slash)), id);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid();
        }
    }

    private static InvalidQueryException invalid() {
        return new InvalidQueryException("cursor", "cursor is not one this API returned");
    }
}
