package dev.polyledger.ledger.application.service;

import dev.polyledger.events.EventType;
import dev.polyledger.ledger.application.port.in.IndependentBatches;
import dev.polyledger.ledger.application.port.in.PostTransferCommand;
import dev.polyledger.ledger.application.port.in.Postings;
import dev.polyledger.ledger.application.port.in.RequestContext;
import dev.polyledger.ledger.application.port.out.BatchWorkQueue;
import dev.polyledger.ledger.application.port.out.Batches;
import dev.polyledger.ledger.application.port.out.IdGenerator;
import dev.polyledger.ledger.application.port.out.Outbox;
import dev.polyledger.ledger.application.port.out.UnitOfWork;
import dev.polyledger.ledger.application.view.BatchView;
import dev.polyledger.ledger.domain.Batch;
import dev.polyledger.ledger.domain.BatchChunk;
import dev.polyledger.ledger.domain.BatchItem;
import dev.polyledger.ledger.domain.BatchItemRef;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.ledger.domain.TenantId;
import dev.polyledger.ledger.domain.ValidationException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link IndependentBatches}: a chunk is {@value #CHUNK_SIZE} items, posted as that many units of one
 * {@link PostingPipeline#commit} (one transaction; each item on its own, so one item's refusal does not stop the
 * others), each unit guarded by its item still being {@code PENDING}. The end of a chunk enqueues the next one, so a
 * batch's items are posted in index order by whichever node takes each chunk. After the last chunk, the batch is
 * completed and {@code batch.completed} appended to the outbox in one transaction (exactly one caller completes it).
 * A chunk delivered again whose items were all processed enqueues nothing (its first delivery did, or died before it:
 * one chain per batch). A batch whose chunk was lost (broker down when it was enqueued, a node that died after its
 * commit and before enqueueing the next) is resumed by {@link #resumeStalled} after {@value #STALLED_AFTER_SECONDS} s
 * without progress.
 */
@Singleton
public class BatchService implements IndependentBatches {
    /** Items per chunk: per transaction of the processing. */
    public static final int CHUNK_SIZE = 250;
    static final long STALLED_AFTER_SECONDS = 30;
    private static final Logger LOG = Logger.getLogger(BatchService.class.getName());

    private final Batches batches;
    private final BatchWorkQueue queue;
    private final PostingPipeline pipeline;
    private final Outbox outbox;
    private final UnitOfWork unitOfWork;
    private final IdGenerator ids;
    private final Clock clock;

    public BatchService(Batches batches, BatchWorkQueue queue, PostingPipeline pipeline, Outbox outbox,
                        UnitOfWork unitOfWork, IdGenerator ids, Clock clock) {
        this.batches = batches;
        this.queue = queue;
        this.pipeline = pipeline;
        this.outbox = outbox;
        this.unitOfWork = unitOfWork;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Batch accept(List<PostTransferCommand> commands, RequestContext context) {
        if (commands.isEmpty()) {
            throw new ValidationException("items", "a batch needs at least one item");
        }
        if (commands.size() > MAX_ITEMS) {
            throw new ValidationException("items", "an INDEPENDENT batch has at most " + MAX_ITEMS + " items, this one has "
                    + commands.size());
        }
        var items = new ArrayList<BatchItem>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            var command = commands.get(i);
            try {
                pipeline.prepare(Postings.single(command)); // currency and amount scale, as for a single transfer
            } catch (ValidationException e) {
                throw new ValidationException("items[" + i + "]." + e.field(), "item " + i + ": " + e.getMessage());
            }
            items.add(new BatchItem(i, command.accountId(), command.counterparty(), command.amount().toPlainString(),
                    command.currencyCode(), command.reference(), command.metadata(), BatchItem.Status.PENDING, null, null,
                    null));
        }
        var now = LedgerTime.now(clock);
        var batch = new Batch(context.tenant(), ids.next(), "INDEPENDENT", Batch.Status.PROCESSING, items.size(), 0, 0,
                context.actor(), context.requestId(), now, null);
        batches.add(batch, items);
        return batch;
    }

    @Override
    public void start(Batch batch) {
        try {
            queue.enqueue(new BatchChunk(batch.tenant(), batch.id(), 0));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not enqueue the first chunk of batch " + batch.id()
                    + "; the stalled-batch sweep will: " + e.getMessage());
        }
    }

    @Override
    public void process(BatchChunk chunk) {
        var batch = batches.find(chunk.tenant(), chunk.batchId());
        if (batch.isEmpty() || batch.get().status() == Batch.Status.COMPLETED) {
            return;
        }
        int to = Math.min(chunk.fromIndex() + CHUNK_SIZE, batch.get().total());
        var units = new ArrayList<PostingPipeline.Unit>();
        for (BatchItem item : batches.items(chunk.tenant(), chunk.batchId(), chunk.fromIndex(), to)) {
            if (item.status() != BatchItem.Status.PENDING) {
                continue;
            }
            var command = PostTransferCommand.transfer(item.source(), item.destination(), item.amount(), item.currency(),
                    item.reference(), item.metadata() == null ? Metadata.empty() : item.metadata(),
                    new RequestContext(chunk.tenant(), batch.get().actor(), batch.get().requestId()));
            units.add(PostingPipeline.Unit.ofItem(new BatchItemRef(chunk.tenant(), chunk.batchId(), item.index()),
                    pipeline.prepare(Postings.single(command))));
        }
        if (to >= batch.get().total()) {
            if (!units.isEmpty()) {
                pipeline.commit(units);
            }
            complete(chunk.tenant(), chunk.batchId());
            return;
        }
        if (units.isEmpty()) {
            // Delivered again after its items committed: the delivery that committed them may have enqueued the next
            // chunk already, and enqueueing it again would start a second chain. If it did not (it died in between),
            // the stalled-batch sweep resumes the batch.
            return;
        }
        pipeline.commit(units);
        queue.enqueue(new BatchChunk(chunk.tenant(), chunk.batchId(), to));
    }

    /** Completes the batch and appends {@code batch.completed}, in one transaction; a no-op when done before. */
    private void complete(TenantId tenant, UUID id) {
        unitOfWork.inSerializableTransaction(() -> {
            var now = LedgerTime.now(clock);
            batches.completeIfDone(tenant, id, now).ifPresent(batch -> outbox.append(new Outbox.OutboxEvent(ids.next(),
                    EventType.BATCH_COMPLETED, batch.id(), 1, batch.tenant(), batch.actor(), batch.requestId(), now,
                    BatchView.of(batch))));
            return null;
        });
    }

    @Override
    public int resumeStalled() {
        var stalled = unitOfWork.inSerializableTransaction(() -> batches.stalled(clock.instant(),
                Duration.ofSeconds(STALLED_AFTER_SECONDS), CHUNK_SIZE, 100));
        int resumed = 0;
        for (BatchChunk chunk : stalled) {
            try {
                queue.enqueue(chunk);
                resumed++;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not resume batch " + chunk.batchId() + ": " + e.getMessage());
                break;
            }
        }
        return resumed;
    }

    @Override
    public Optional<Batch> find(TenantId tenant, UUID id) {
        return batches.find(tenant, id);
    }

    @Override
    public Optional<List<BatchItem>> items(TenantId tenant, UUID id, BatchItem.Status status, int afterIndex, int limit) {
        if (batches.find(tenant, id).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(batches.page(tenant, id, status, afterIndex, limit));
    }
}
