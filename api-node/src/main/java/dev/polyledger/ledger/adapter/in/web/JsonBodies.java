package dev.polyledger.ledger.adapter.in.web;

import dev.polyledger.ledger.domain.ValidationException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads request bodies and writes response bodies with the application's JSON mapper. */
@Singleton
class JsonBodies {
    private final JsonMapper json;

    JsonBodies(JsonMapper json) {
        this.json = json;
    }

    /** @throws ValidationException when the body is absent or is not JSON of the expected shape */
    <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new ValidationException("body", "a JSON body is required");
        }
        try {
            T value = json.readValue(body, type);
            if (value == null) {
                throw new ValidationException("body", "a JSON object is required");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ValidationException validation) {
                throw validation;
            }
            throw new ValidationException("body", "the body is not a valid JSON object for this request");
        }
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The body with object keys sorted and insignificant white space removed, so that two bodies that mean
     * the same JSON have the same fingerprint. A body that is not JSON is returned as it is.
     */
    String canonical(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            return write(sorted(json.readValue(body, Object.class)));
        } catch (IOException | RuntimeException e) {
            return body;
        }
    }

    private static Object sorted(Object node) {
        if (node instanceof Map<?, ?> map) {
            var result = new TreeMap<String, Object>();
            map.forEach((k, v) -> result.put(String.valueOf(k), sorted(v)));
            return result;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(JsonBodies::sorted).toList();
        }
        return node;
    }
}
