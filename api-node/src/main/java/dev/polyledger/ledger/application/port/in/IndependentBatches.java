package dev.polyledger.ledger.application.port.in;

import dev.polyledger.ledger.domain.Batch;
import dev.polyledger.ledger.domain.BatchChunk;
import dev.polyledger.ledger.domain.BatchItem;
import dev.polyledger.ledger.domain.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * INDEPENDENT batches (payout runs, api-contract.md "Batches and mass payouts"): accepted at once, then each item
 * posted on its own, in index order, chunk by chunk through a work queue that any api-node consumes. Each item is
 * posted exactly once: its posting and its status change commit together, and a chunk delivered again skips the
 * items already processed. The batch emits {@code batch.completed} when its last item is processed; each item's
 * {@code transfer.posted} carries {@code batchId}.
 */
public interface IndependentBatches {
    /** Most items of an INDEPENDENT batch. */
    int MAX_ITEMS = 10_000;

    /**
     * Stores the batch and its items ({@code PENDING}) in the caller's transaction (the one that records the request's
     * idempotency key). Call {@link #start} once it committed.
     *
     * @param commands the items, transfers only, in index order (1..{@value #MAX_ITEMS})
     * @throws dev.polyledger.ledger.domain.ValidationException for an unsupported currency or an amount with too many
     *                                                          decimals ({@code items[i].field}), or too many items
     */
    Batch accept(List<PostTransferCommand> commands, RequestContext context);

    /** Enqueues the batch's first chunk; a failure is left to the stalled-batch sweep (nothing is lost). */
    void start(Batch batch);

    /**
     * Processes one chunk: posts its pending items (each on its own), completes the batch after its last item, and
     * enqueues the next chunk. Safe to run again for the same chunk.
     *
     * @throws RuntimeException when the chunk could not be processed (the delivery is to be retried)
     */
    void process(BatchChunk chunk);

    /** Enqueues again the chunks of batches that made no progress for a while; returns how many. */
    int resumeStalled();

    Optional<Batch> find(TenantId tenant, UUID id);

    /**
     * A page of a batch's items in index order.
     *
     * @param status     only this status; null for all
     * @param afterIndex -1 for the first page, else the last index of the previous page
     * @param limit      1..{@value LedgerQueries#MAX_PAGE_SIZE}
     * @return empty when the batch does not exist (in this tenant)
     */
    Optional<List<BatchItem>> items(TenantId tenant, UUID id, BatchItem.Status status, int afterIndex, int limit);
}
