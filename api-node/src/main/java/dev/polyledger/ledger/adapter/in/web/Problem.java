package dev.polyledger.ledger.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}) with the platform's stable
 * {@code code} extension, on which clients branch.
 *
 * @param type   a URI naming the problem type ({@code tag:} URI, RFC 9457 section 3.1.1: not dereferenceable)
 * @param title  short summary of the type
 * @param status the HTTP status
 * @param detail what went wrong with this request
 * @param code   stable machine-readable code, e.g. {@code INSUFFICIENT_FUNDS}
 * @param field  for {@code VALIDATION_FAILED}: the field at fault, when known
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, String field) {
    static final String TYPE_PREFIX = "tag:polyledger.dev,2026:problem:";

    static Problem of(int status, String code, String title, String detail) {
        return new Problem(TYPE_PREFIX + code, title, status, detail, code, null);
    }
}
