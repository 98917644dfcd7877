package dev.polyledger.ledger.adapter.in.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.polyledger.ledger.domain.ValidationException;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The strict reading of a request body, before any binding: plain Java over Jackson's streaming parser, no
 * Micronaut, so it is tested on its own ({@code StrictJsonTest}).
 *
 * <p>A request body is accepted only when it is exactly one JSON object (RFC 8259) that
 * <ul>
 *   <li>repeats no key at any depth ({@code {"amount":"0.01","amount":"0.02"}} is refused: which of the two
 *       would be booked and which fingerprinted is not for a parser to guess; RFC 8259 section 4 leaves
 *       duplicate names to the implementation, RFC 7493 (I-JSON) section 2.3 forbids them);</li>
 *   <li>has nothing after it (no trailing garbage, no second object);</li>
 *   <li>gives every field of the request record its declared JSON type, without coercion: a {@code String}
 *       field takes a JSON string only (an amount {@code 0.01}, {@code 5} or {@code [..]} is refused, as is
 *       {@code "reference": 5} or {@code true}); a {@code Boolean} takes {@code true}/{@code false} only
 *       ({@code 1}, {@code "true"}, {@code "yes"} are refused); a {@code Map<String, String>} takes an object of
 *       strings; {@code null} is "absent" for every field;</li>
 *   <li>holds no string (key or value, at any depth) with U+0000 or an unpaired UTF-16 surrogate: PostgreSQL
 *       cannot store the first in {@code text}/{@code jsonb}, and the second is not a character at all.</li>
 * </ul>
 * Each refusal is a {@link ValidationException} naming the top-level {@code field} at fault ({@code body} when
 * the document as a whole is wrong), answered {@code 400 VALIDATION_FAILED}. Unknown fields are still ignored.
 *
 * <p>The parser is Jackson's, configured with {@link StreamReadFeature#STRICT_DUPLICATE_DETECTION}; the type
 * checks run over the parsed values against the record's components, because micronaut-serde coerces scalars
 * (a number into a {@code String} field, {@code "true"} into a {@code Boolean}) and has no setting to stop it
 * (Jackson's coercion configs belong to jackson-databind, which micronaut-serde does not use). Only after these
 * checks does {@link JsonBodies} bind the body to the record with the application's mapper.
 */
final class StrictJson {
    private static final JsonFactory STRICT = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
            .build();
    /** Jackson's message for a repeated key: {@code Duplicate field 'amount'}. */
    private static final Pattern DUPLICATE_NAME = Pattern.compile("Duplicate field '(.*)'");

    private StrictJson() {
    }

    /**
     * The body as a JSON object (maps, lists, strings, BigDecimal numbers, booleans, nulls) after every check of
     * this class against the request record {@code type}.
     *
     * @throws ValidationException naming the top-level field at fault, or {@code body}
     */
    static Map<String, Object> requestObject(String body, Class<?> type) {
        if (body == null || body.isBlank()) {
            throw new ValidationException("body", "a JSON body is required");
        }
        Object document = parse(body);
        if (!(document instanceof Map<?, ?> object)) {
            throw new ValidationException("body", "the body must be a JSON object");
        }
        checkText(object, null);
        if (type.isRecord()) {
            checkFields(object, type, null);
        }
        @SuppressWarnings("unchecked")
        var result = (Map<String, Object>) object;
        return result;
    }

    // --- The strict parse -----------------------------------------------------------------------------------

    /** One JSON value and nothing after it, as maps, lists, strings, numbers (BigDecimal), booleans and null. */
    static Object parse(String body) {
        try (JsonParser parser = STRICT.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ValidationException("body", "a JSON body is required");
            }
            Object value = value(parser, first, null);
            if (parser.nextToken() != null) {
                throw new ValidationException("body", "the body must be one JSON object with nothing after it");
            }
            return value;
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field")) {
                throw new ValidationException(topLevel(e), "a JSON object repeats a key: " + message);
            }
            throw new ValidationException("body", "the body is not valid JSON");
        } catch (IOException e) {
            throw new ValidationException("body", "the body is not valid JSON");
        }
    }

    /** The top-level field holding the repeated key (the key itself when it is at the top level). */
    private static String topLevel(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            JsonStreamContext context = parser.getParsingContext();
            if (context.getParent() == null || context.getParent().inRoot()) {
                var repeated = DUPLICATE_NAME.matcher(e.getOriginalMessage());
                return repeated.find() ? repeated.group(1) : "body";
            }
            while (context.getParent() != null && !context.getParent().inRoot()) {
                context = context.getParent();
            }
            if (context.getCurrentName() != null) {
                return context.getCurrentName();
            }
        }
        return "body";
    }

    private static Object value(JsonParser parser, JsonToken token, String field) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                var object = new LinkedHashMap<String, Object>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    String owner = field == null ? name : field;
                    if (object.containsKey(name)) {
                        // STRICT_DUPLICATE_DETECTION refuses this first; kept so the rule does not hang on a flag.
                        throw new ValidationException(owner, "a JSON object repeats the key '" + name + "'");
                    }
                    object.put(name, value(parser, parser.nextToken(), owner));
                }
                yield object;
            }
            case START_ARRAY -> {
                var array = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(value(parser, t, field));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new ValidationException(field == null ? "body" : field, "unexpected JSON token " + token);
        };
    }

    // --- Text every store can hold ----------------------------------------------------------------------------

    /** Refuses U+0000 and unpaired surrogates in every key and string value; {@code field}: the top-level name. */
    private static void checkText(Object node, String field) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                String key = (String) k;
                String owner = field == null ? key : field;
                requireStorable(key, owner);
                checkText(v, owner);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> checkText(item, field));
        } else if (node instanceof String text) {
            requireStorable(text, field);
        }
    }

    private static void requireStorable(String text, String field) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                throw new ValidationException(field, field + " contains the NUL character (U+0000)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ValidationException(field, field + " contains an unpaired UTF-16 surrogate (\\u"
                        + Integer.toHexString(c) + "), which is not a Unicode character");
            }
        }
    }

    // --- Declared JSON types ------------------------------------------------------------------------------------

    /** Checks each component of {@code record} present in {@code object}; {@code field}: the top-level name. */
    private static void checkFields(Map<?, ?> object, Class<?> record, String field) {
        for (RecordComponent component : record.getRecordComponents()) {
            var renamed = component.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
            if (object.containsKey(name)) {
                checkType(object.get(name), component.getGenericType(), field == null ? name : field);
            }
        }
    }

    private static void checkType(Object value, Type declared, String field) {
        if (value == null) {
            return; // absent: the command decides whether the field is required
        }
        Class<?> raw = rawClass(declared);
        if (raw == null) {
            return;
        }
        if (raw == String.class || CharSequence.class.isAssignableFrom(raw) || raw.isEnum() || raw == UUID.class
                || Temporal.class.isAssignableFrom(raw)) {
            require(value instanceof String, field, "a JSON string");
        } else if (raw == Boolean.class || raw == boolean.class) {
            require(value instanceof Boolean, field, "true or false");
        } else if (Number.class.isAssignableFrom(raw) || (raw.isPrimitive() && raw != boolean.class)) {
            require(value instanceof Number, field, "a JSON number");
        } else if (Map.class.isAssignableFrom(raw)) {
            require(value instanceof Map<?, ?>, field, "a JSON object");
            Type valueType = typeArgument(declared, 1);
            ((Map<?, ?>) value).values().forEach(v -> {
                if (v == null && valueType != null) {
                    throw new ValidationException(field, field + " values must not be null");
                }
                if (valueType != null) {
                    checkType(v, valueType, field);
                }
            });
        } else if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            require(value instanceof List<?>, field, "a JSON array");
            Type elementType = raw.isArray() ? raw.getComponentType() : typeArgument(declared, 0);
            if (elementType != null) {
                ((List<?>) value).forEach(item -> checkType(item, elementType, field));
            }
        } else if (raw.isRecord()) {
            require(value instanceof Map<?, ?>, field, "a JSON object");
            checkFields((Map<?, ?>) value, raw, field);
        }
    }

    private static void require(boolean ok, String field, String expected) {
        if (!ok) {
            throw new ValidationException(field, field + " must be " + expected);
        }
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return null;
    }
}
