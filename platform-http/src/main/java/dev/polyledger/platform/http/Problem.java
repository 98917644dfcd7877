package dev.polyledger.platform.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}) with the platform's stable
 * {@code code} extension, on which clients branch (api-contract.md, "Entry point").
 *
 * @param type   a URI naming the problem type: a {@code tag:} URI (RFC 9457 section 3.1.1 suggests one when the
 *               type is not meant to be dereferenced), {@value #TYPE_PREFIX} + code
 * @param title  short summary of the type
 * @param status the HTTP status
 * @param detail what went wrong with this request
 * @param code   stable machine-readable code, e.g. {@code INSUFFICIENT_FUNDS}
 * @param field  for {@code VALIDATION_FAILED}: the field or parameter at fault, when known; else absent
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, String field) {
    public static final String TYPE_PREFIX = "tag:polyledger.dev,2026:problem:";
    public static final MediaType MEDIA_TYPE = MediaType.of("application/problem+json");

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem(TYPE_PREFIX + code, title, status, detail, code, null);
    }

    /** The same problem, naming the field at fault. */
    public Problem withField(String field) {
        return new Problem(type, title, status, detail, code, field);
    }

    /** This problem as a response with the problem+json content type. */
    public MutableHttpResponse<Problem> toResponse() {
        return HttpResponse.<Problem>status(HttpStatus.valueOf(status)).contentType(MEDIA_TYPE).body(this);
    }
}
