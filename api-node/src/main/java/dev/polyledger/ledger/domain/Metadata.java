package dev.polyledger.ledger.domain;

import java.util.Map;
import java.util.TreeMap;

/**
 * Free-form string pairs a client attaches to an account or transfer. Limits follow Stripe's metadata:
 * at most 50 keys, keys of 1..40 characters, values of at most 500 characters.
 */
public record Metadata(Map<String, String> values) {
    public static final int MAX_KEYS = 50;
    public static final int MAX_KEY_LENGTH = 40;
    public static final int MAX_VALUE_LENGTH = 500;
    private static final Metadata EMPTY = new Metadata(Map.of());

    /** @throws ValidationException (field {@code metadata}) when a limit is exceeded or a value is null */
    public Metadata {
        if (values == null) {
            values = Map.of();
        }
        if (values.size() > MAX_KEYS) {
            throw new ValidationException("metadata", "metadata has more than " + MAX_KEYS + " keys");
        }
        var sorted = new TreeMap<String, String>();
        for (var e : values.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
                throw new ValidationException("metadata", "metadata keys must have 1.." + MAX_KEY_LENGTH + " characters");
            }
            if (e.getValue() == null || e.getValue().length() > MAX_VALUE_LENGTH) {
                throw new ValidationException("metadata",
                        "metadata value of '" + key + "' must be a string of at most " + MAX_VALUE_LENGTH + " characters");
            }
            sorted.put(key, e.getValue());
        }
        values = java.util.Collections.unmodifiableMap(sorted);
    }

    public static Metadata empty() {
        return EMPTY;
    }

    public static Metadata of(Map<String, String> values) {
        return values == null || values.isEmpty() ? EMPTY : new Metadata(values);
    }
}
