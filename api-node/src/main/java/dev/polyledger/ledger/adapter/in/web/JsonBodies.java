package dev.polyledger.ledger.adapter.in.web;

import dev.polyledger.ledger.domain.ValidationException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads request bodies strictly ({@link StrictJson}: one JSON object, no repeated key, no NUL or lone surrogate,
 * every field of its declared JSON type, nothing after it) and only then binds them with the application's JSON
 * mapper; writes response bodies with the same mapper; gives requests their canonical form for the idempotency
 * fingerprint. Every refusal is a {@link ValidationException}: {@code 400 VALIDATION_FAILED} with the
 * {@code field}.
 */
@Singleton
class JsonBodies {
    private final JsonMapper json;

    JsonBodies(JsonMapper json) {
        this.json = json;
    }

    /**
     * The body as the request record {@code type}, after the checks of {@link StrictJson}.
     *
     * @throws ValidationException when the body is absent or is not strict JSON of the record's shape
     */
    <T> T read(String body, Class<T> type) {
        StrictJson.requestObject(body, type);
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
     * The canonical form of a request for its idempotency fingerprint: keys sorted at every depth, no
     * insignificant white space. A request record (what is booked) is serialised as such; a body text is parsed
     * by the strict parser of {@link #read} first, so that a body that passed {@code read} is fingerprinted with
     * exactly the values that were bound (no duplicate key can make the two differ). A text that is not strict
     * JSON (a body that {@code read} would refuse, or the ignored body of a status change) is returned as it is.
     */
    String canonical(Object request) {
        if (request == null) {
            return "";
        }
        if (request instanceof String body) {
            if (body.isBlank()) {
                return "";
            }
            try {
                return write(sorted(StrictJson.parse(body)));
            } catch (ValidationException e) {
                return body;
            }
        }
        try {
            return write(sorted(json.readValue(write(request), Object.class)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
