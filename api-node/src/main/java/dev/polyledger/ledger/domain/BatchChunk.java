package dev.polyledger.ledger.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * A unit of work of an INDEPENDENT batch: its items from {@code fromIndex}, at most a chunk's size of them. Chunks of a
 * batch run one after the other (each one's end enqueues the next), so items are posted in index order.
 *
 * @param tenant    the batch's tenant
 * @param batchId   the batch
 * @param fromIndex the first item's index, a multiple of the chunk size
 */
public record BatchChunk(TenantId tenant, UUID batchId, int fromIndex) {
    public BatchChunk {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(batchId, "batchId");
        if (fromIndex < 0) {
            throw new IllegalArgumentException("fromIndex must not be negative");
        }
    }
}
