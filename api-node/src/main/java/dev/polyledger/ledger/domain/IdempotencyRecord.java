package dev.polyledger.ledger.domain;

import java.time.Instant;

/**
 * The stored outcome of a completed request under an idempotency key (IETF
 * draft-ietf-httpapi-idempotency-key-header, section 2.6): replayed for the same request, refused for
 * another one.
 *
 * @param key         the client's Idempotency-Key, within its tenant
 * @param fingerprint fingerprint of the request (method, path, canonical body)
 * @param answer      the answer first given
 * @param createdAt   when it completed
 * @param expiresAt   until when it is kept (retention, {@code ledger.idempotency.retention})
 */
public record IdempotencyRecord(IdempotencyKey key, String fingerprint, RecordedAnswer answer, Instant createdAt,
                                Instant expiresAt) {
}
