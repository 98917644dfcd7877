package dev.polyledger.ledger.adapter.in.web;

import dev.polyledger.platform.http.PlatformProblem;
import dev.polyledger.platform.http.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Every request body of the ledger API is JSON in UTF-8 (RFC 8259 section 8.1), declared as such.
 *
 * <p>A request under {@code /api/v1/} that carries a body (one byte or more) must say {@code Content-Type:
 * application/json}, optionally with {@code charset=utf-8} (any case, quoted or not) and nothing else; anything
 * else, or no Content-Type at all, is answered {@code 415 UNSUPPORTED_MEDIA_TYPE} before a handler runs. Another
 * charset ({@code ISO-8859-1}) is refused rather than honoured: a body decoded under the client's charset could
 * mean other characters than the same bytes as UTF-8, and no charset but UTF-8 is JSON. The body's bytes must be
 * well-formed UTF-8; otherwise {@code 400 VALIDATION_FAILED} with {@code field: body}, where the HTTP layer would
 * have replaced each malformed sequence with U+FFFD and stored that. A request without a body (a GET, a POST to
 * {@code /freeze}) needs no Content-Type.
 */
@ServerFilter("/api/v1/**")
class JsonRequestFilter {

    /** Null (the request goes on) or the refusal. */
    @RequestFilter
    @Nullable
    HttpResponse<Problem> requireJsonInUtf8(HttpRequest<?> request, @Nullable @Body byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        String contentType = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        if (!isJsonInUtf8(contentType)) {
            return PlatformProblem.UNSUPPORTED_MEDIA_TYPE.problem(
                    "a request body must be sent as Content-Type: application/json (charset utf-8 or none), not "
                            + (contentType == null ? "without a Content-Type" : describe(contentType)))
                    .toResponse();
        }
        if (!isUtf8(body)) {
            return PlatformProblem.VALIDATION_FAILED.problem("the body is not well-formed UTF-8")
                    .withField("body").toResponse();
        }
        return null;
    }

    /** {@code application/json} with no parameter but {@code charset=utf-8}; media type names are case-insensitive. */
    static boolean isJsonInUtf8(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";", -1);
        if (!parts[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.isEmpty() && i == parts.length - 1) {
                continue; // a trailing ';'
            }
            int equals = parameter.indexOf('=');
            if (equals < 0) {
                return false;
            }
            String name = parameter.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String value = parameter.substring(equals + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (!name.equals("charset") || !value.equalsIgnoreCase("utf-8")) {
                return false;
            }
        }
        return true;
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String describe(String contentType) {
        String printable = contentType.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 100 ? printable.substring(0, 100) + "…" : printable;
    }
}
