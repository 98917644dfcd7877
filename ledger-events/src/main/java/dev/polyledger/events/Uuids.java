package dev.polyledger.events;

import java.util.Optional;
import java.util.UUID;

/**
 * A UUID as the platform writes it: exactly 36 characters, {@code 8-4-4-4-12} hex digits (RFC 9562 section 4).
 *
 * <p>{@link UUID#fromString} alone is lenient: it accepts {@code 1-1-1-1-1} and silently widens short groups, so two
 * different texts could name one id. Every id the platform reads (paths, bodies, query parameters, envelopes,
 * stored documents) goes through {@link #parse} instead. Plain Java, so that domains and application layers may use
 * it too.
 */
public final class Uuids {
    private static final int LENGTH = 36;

    private Uuids() {
    }

    /** The UUID {@code text} spells, or empty when it is null, not 36 characters long or not a UUID. */
    public static Optional<UUID> parse(String text) {
        if (text == null || text.length() != LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
