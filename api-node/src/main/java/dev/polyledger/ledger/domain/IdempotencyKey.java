package dev.polyledger.ledger.domain;

import dev.polyledger.ledger.domain.TenantId;
import java.util.Objects;

/**
 * A client's {@code Idempotency-Key} within its tenant: the same key sent by two tenants names two unrelated
 * requests (api-contract.md, "Authentication and tenants").
 *
 * @param tenant the tenant of the key that sent the request
 * @param value  the header's value, already validated (1..255 printable ASCII characters)
 */
public record IdempotencyKey(TenantId tenant, String value) {
    public IdempotencyKey {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(value, "value");
    }

    /** {@code <tenant>/<value>}: unambiguous, as a tenant id has no {@code /}; the cache keys records by it. */
    @Override
    public String toString() {
        return tenant + "/" + value;
    }
}
