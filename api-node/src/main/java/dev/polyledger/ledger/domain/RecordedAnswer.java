package dev.polyledger.ledger.application.port.in;

/**
 * A response as first sent, kept to be replayed byte for byte.
 *
 * @param status HTTP status, e.g. 201 or 422
 * @param body   the JSON body
 */
public record RecordedResponse(int status, String body) {
}
