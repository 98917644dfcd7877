package dev.polyledger.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;

/**
 * Reads a message body as the contract's JSON envelope (api-contract.md, "Events"; {@link EventEnvelope}): the one
 * reader of every consumer.
 *
 * <p>Required: {@code eventId} and {@code aggregateId} (UUID strings, {@link Uuids}), {@code type} (non-empty string),
 * {@code occurredAt} (ISO-8601 instant string), {@code sequence} (integer >= 1), {@code data} (object). Optional
 * strings: {@code requestId}, {@code source}, {@code actor} (the API key id), {@code tenantId} (non-blank; a message
 * without one, or with {@code null}, was published before tenants existed and belongs to
 * {@value EventEnvelope#DEFAULT_TENANT}). Unknown fields are ignored; duplicate keys and anything after the object
 * are refused. Whether the type is known and the data fits it is the consumer's call.
 *
 * <p>Plain Jackson, no framework: thread-safe (one instance may serve every consumer thread), testable on its own.
 */
public final class EnvelopeReader {
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private final ObjectMapper json = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The outcome of reading a body: an envelope, or why it is not one. */
    public sealed interface Result {
    }

    /** A valid envelope; {@code data} as JSON values (maps, lists, strings, numbers, booleans, nulls). */
    public record Envelope(EventEnvelope<Map<String, Object>> event) implements Result {
    }

    /** Not an envelope of the contract, and never will be: a consumer dead-letters it. */
    public record Malformed(String reason) implements Result {
    }

    /** Reads {@code body} (UTF-8 JSON); never throws. */
    public Result read(byte[] body) {
        if (body == null || body.length == 0) {
            return new Malformed("empty body");
        }
        Map<String, Object> root;
        try {
            root = json.readValue(body, OBJECT);
        } catch (JsonProcessingException e) {
            return new Malformed("not a JSON object: " + e.getOriginalMessage());
        } catch (IOException e) {
            return new Malformed("unreadable body: " + e.getMessage());
        }
        if (root == null) {
            return new Malformed("not a JSON object: null");
        }
        try {
            return new Envelope(new EventEnvelope<>(
                    uuid(root, "eventId"),
                    requiredText(root, "type"),
                    instant(root, "occurredAt"),
                    uuid(root, "aggregateId"),
                    sequence(root),
                    optionalText(root, "requestId"),
                    optionalText(root, "source"),
                    tenant(root),
                    optionalText(root, "actor"),
                    object(root, "data")));
        } catch (FieldException e) {
            return new Malformed(e.getMessage());
        }
    }

    private static String requiredText(Map<String, Object> root, String field) {
        Object value = root.get(field);
        if (value == null) {
            throw new FieldException(field + " is missing");
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw new FieldException(field + " must be a non-empty string");
        }
        return text;
    }

    private static String optionalText(Map<String, Object> root, String field) {
        Object value = root.get(field);
        if (value != null && !(value instanceof String)) {
            throw new FieldException(field + " must be a string");
        }
        return (String) value;
    }

    private static String tenant(Map<String, Object> root) {
        return root.get("tenantId") == null ? EventEnvelope.DEFAULT_TENANT : requiredText(root, "tenantId");
    }

    private static UUID uuid(Map<String, Object> root, String field) {
        String text = requiredText(root, field);
        return Uuids.parse(text)
                .orElseThrow(() -> new FieldException(field + " must be a UUID, was '" + text + "'"));
    }

    private static Instant instant(Map<String, Object> root, String field) {
        String text = requiredText(root, field);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new FieldException(field + " must be an ISO-8601 instant, was '" + text + "'");
        }
    }

    private static long sequence(Map<String, Object> root) {
        Object value = root.get("sequence");
        if (value == null) {
            throw new FieldException("sequence is missing");
        }
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 1) {
            throw new FieldException("sequence must be an integer >= 1, was " + value);
        }
        return ((Number) value).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> root, String field) {
        Object value = root.get(field);
        if (value == null) {
            throw new FieldException(field + " is missing");
        }
        if (!(value instanceof Map)) {
            throw new FieldException(field + " must be a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private static final class FieldException extends RuntimeException {
        FieldException(String message) {
            super(message, null, false, false);
        }
    }
}
