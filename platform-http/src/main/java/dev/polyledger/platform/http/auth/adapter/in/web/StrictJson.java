package dev.polyledger.platform.http.auth.adapter.in.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.polyledger.platform.http.auth.application.AuthRefusal;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request body read strictly: exactly one JSON object, no duplicate member names, nothing after it, and every
 * field of the JSON type it is declared with (a number is not a string, {@code "true"} is not a boolean). Unknown
 * members are ignored. Every refusal is {@link AuthRefusal.Reason#VALIDATION_FAILED} naming the field
 * ({@code body} for the document as a whole).
 */
final class StrictJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Map<String, Object> members;
    private final String path;

    private StrictJson(Map<String, Object> members, String path) {
        this.members = members;
        this.path = path;
    }

    /** Reads a body that must be one JSON object. */
    static StrictJson parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw AuthRefusal.invalid("body", "the request needs a JSON object body");
        }
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw AuthRefusal.invalid("body", "the body must be a JSON object");
            }
            Map<String, Object> members = readObject(parser);
            if (parser.nextToken() != null) {
                throw AuthRefusal.invalid("body", "unexpected content after the JSON object");
            }
            return new StrictJson(members, "");
        } catch (JsonProcessingException e) {
            throw AuthRefusal.invalid("body", "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw AuthRefusal.invalid("body", "unreadable body");
        }
    }

    /** A required string member; refused when absent, null, blank or not a string. */
    String requiredString(String name) {
        Object value = members.get(name);
        if (value == null) {
            throw AuthRefusal.invalid(field(name), field(name) + " is required");
        }
        if (!(value instanceof String text)) {
            throw AuthRefusal.invalid(field(name), field(name) + " must be a string");
        }
        return text;
    }

    /** A required array of strings; refused when absent, null, not an array, or with a member not a string. */
    List<String> requiredStringArray(String name) {
        Object value = members.get(name);
        if (value == null) {
            throw AuthRefusal.invalid(field(name), field(name) + " is required");
        }
        if (!(value instanceof List<?> list)) {
            throw AuthRefusal.invalid(field(name), field(name) + " must be an array of strings");
        }
        List<String> strings = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String text)) {
                throw AuthRefusal.invalid(field(name), field(name) + " must be an array of strings");
            }
            strings.add(text);
        }
        return strings;
    }

    /** An optional RFC 3339 date-time with offset, as an instant; null when absent or null. */
    Instant optionalInstant(String name) {
        Object value = members.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw AuthRefusal.invalid(field(name), field(name) + " must be an RFC 3339 date-time string");
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw AuthRefusal.invalid(field(name), field(name) + " must be an RFC 3339 date-time, e.g. 2027-01-31T00:00:00Z");
        }
    }

    /** An optional object member; null when absent or null. */
    StrictJson optionalObject(String name) {
        Object value = members.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw AuthRefusal.invalid(field(name), field(name) + " must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        return new StrictJson(object, field(name) + ".");
    }

    /** A required JSON integer (no fraction, no exponent, no string) from {@code min} to {@code max}. */
    int requiredInt(String name, int min, int max) {
        Object value = members.get(name);
        if (value == null) {
            throw AuthRefusal.invalid(field(name), field(name) + " is required");
        }
        if (!(value instanceof Long number) || number < min || number > max) {
            throw AuthRefusal.invalid(field(name), field(name) + " must be an integer from " + min + " to " + max);
        }
        return number.intValue();
    }

    private String field(String name) {
        return path + name;
    }

    private static Map<String, Object> readObject(JsonParser parser) throws IOException {
        Map<String, Object> members = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            members.put(name, readValue(parser));
        }
        return members;
    }

    /** Strings, booleans, integers (as {@code Long}, or a {@code Double} marker when out of range), fractions
     *  (as {@code Double}), arrays, objects and null. */
    private static Object readValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.INT
                    || parser.getNumberType() == JsonParser.NumberType.LONG ? (Object) parser.getLongValue()
                    : (Object) parser.getDoubleValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser));
                }
                yield items;
            }
            case START_OBJECT -> readObject(parser);
            default -> throw AuthRefusal.invalid("body", "malformed JSON");
        };
    }
}
