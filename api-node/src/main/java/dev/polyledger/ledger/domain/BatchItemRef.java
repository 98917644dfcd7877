package dev.polyledger.ledger.domain;

import java.util.Objects;
import java.util.UUID;

/** The key of a batch item: (tenant, batch, index). Posting it and changing its status commit together. */
public record BatchItemRef(TenantId tenant, UUID batchId, int index) {
    public BatchItemRef {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(batchId, "batchId");
    }
}
