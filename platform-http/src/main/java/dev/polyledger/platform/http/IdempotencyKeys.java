package dev.polyledger.platform.http;

import io.micronaut.http.HttpRequest;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} request header every idempotent {@code POST} of the platform requires
 * (draft-ietf-httpapi-idempotency-key-header, section 2; the contract's rule for its characters).
 *
 * <p>A key is the header's field value, 1..255 printable ASCII characters (U+0020..U+007E) that neither start nor
 * end with a space. White space around a field value is not part of it in HTTP (RFC 9110 section 5.5: NGINX and
 * Netty drop it before this runs), so {@code Idempotency-Key:   k  } is the key {@code k}; inside a key a space is
 * kept and significant. Nothing else is trimmed or folded: a control character ({@code \x01}, {@code \x7f}, a tab
 * inside the key) or a non-ASCII character is refused, never normalised into another key. A service turns Netty's
 * own header check off ({@code micronaut.server.netty.validate-headers: false}) so that such a key gets this answer
 * instead of a bare 400.
 */
public final class IdempotencyKeys {
    /** The header's name. */
    public static final String HEADER = "Idempotency-Key";
    /** A valid key: 1..255 characters of U+0020..U+007E, the first and last not a space. */
    public static final Pattern VALID = Pattern.compile("[\\x21-\\x7E](?:[\\x20-\\x7E]{0,253}[\\x21-\\x7E])?");

    private IdempotencyKeys() {
    }

    /**
     * The request's idempotency key.
     *
     * @throws ApiException {@code 400 IDEMPOTENCY_KEY_MISSING} without the header; {@code 400
     *                      IDEMPOTENCY_KEY_INVALID} for two headers or a value outside the rule
     */
    public static String require(HttpRequest<?> request) {
        return require(request.getHeaders().getAll(HEADER));
    }

    /** As {@link #require(HttpRequest)}, from the header's values in the order received. */
    static String require(List<String> values) {
        if (values.isEmpty()) {
            throw PlatformProblem.IDEMPOTENCY_KEY_MISSING.exception("every POST needs an Idempotency-Key header");
        }
        if (values.size() > 1 || !VALID.matcher(values.get(0)).matches()) {
            throw PlatformProblem.IDEMPOTENCY_KEY_INVALID.exception("Idempotency-Key must be one header of 1 to 255 "
                    + "printable ASCII characters, without leading or trailing space");
        }
        return values.get(0);
    }
}
