package dev.polyledger.ledger.application.port.in;

import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.IdempotencyKey;
import java.util.Objects;
import java.util.Set;

/**
 * A request under an idempotency key.
 *
 * @param key         the validated Idempotency-Key of the request's tenant
 * @param fingerprint fingerprint of method, path and canonical body: equal fingerprints mean the same request
 * @param accounts    the accounts the request will change, whose writers it queues behind
 *                    ({@link dev.polyledger.ledger.application.port.out.UnitOfWork#inSerializableTransaction(java.util.Collection, java.util.function.Supplier)})
 */
public record IdempotentRequest(IdempotencyKey key, String fingerprint, Set<AccountId> accounts) {
    public IdempotentRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        accounts = accounts == null ? Set.of() : Set.copyOf(accounts);
    }

    /** A request that changes no existing account (e.g. opening one). */
    public IdempotentRequest(IdempotencyKey key, String fingerprint) {
        this(key, fingerprint, Set.of());
    }
}
