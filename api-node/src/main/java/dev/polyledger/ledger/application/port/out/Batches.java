package dev.polyledger.ledger.application.port.out;

import dev.polyledger.ledger.domain.Batch;
import dev.polyledger.ledger.domain.BatchChunk;
import dev.polyledger.ledger.domain.BatchItem;
import dev.polyledger.ledger.domain.BatchItemRef;
import dev.polyledger.ledger.domain.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Stored (INDEPENDENT) batches and their items. Every method runs in the caller's transaction when there is one and
 * sees only the tenant it is given. Items change status only through {@link LedgerWrites} (with their posting).
 */
public interface Batches {

    /** Stores a new batch ({@code PROCESSING}, counts 0) and its items, all {@code PENDING}. */
    void add(Batch batch, List<BatchItem> items);

    Optional<Batch> find(TenantId tenant, UUID id);

    /** The items with {@code from <= index < to}, in index order, whatever their status. */
    List<BatchItem> items(TenantId tenant, UUID batchId, int from, int to);

    /**
     * A page of items in index order, after {@code afterIndex} (-1 for the first page).
     *
     * @param status only items of this status; null for all
     */
    List<BatchItem> page(TenantId tenant, UUID batchId, BatchItem.Status status, int afterIndex, int limit);

    /**
     * Locks the items among {@code refs} for update and returns those still {@code PENDING}: the others were processed
     * by an earlier delivery of their chunk and must be skipped.
     */
    Set<BatchItemRef> lockPending(Collection<BatchItemRef> refs);

    /**
     * Marks the batch {@code COMPLETED} when every item is processed and it is not completed yet; the batch as
     * completed, or empty (items pending, or completed before: exactly one caller gets it).
     */
    Optional<Batch> completeIfDone(TenantId tenant, UUID id, Instant now);

    /**
     * Chunks to resume: of batches still processing whose last change is older than {@code quietFor}, the chunk of
     * their first pending item (or their last chunk when none is pending).
     */
    List<BatchChunk> stalled(Instant now, Duration quietFor, int chunkSize, int limit);
}
