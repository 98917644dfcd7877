package dev.polyledger.ledger.application.port.in;

import java.util.Objects;

/**
 * A request under an idempotency key.
 *
 * @param key         the validated Idempotency-Key
 * @param fingerprint fingerprint of method, path and canonical body: equal fingerprints mean the same request
 */
public record IdempotentRequest(String key, String fingerprint) {
    public IdempotentRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
