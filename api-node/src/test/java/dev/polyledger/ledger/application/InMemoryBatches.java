package dev.polyledger.ledger.application;

import dev.polyledger.ledger.application.port.out.Batches;
import dev.polyledger.ledger.application.port.out.LedgerWrites;
import dev.polyledger.ledger.domain.Batch;
import dev.polyledger.ledger.domain.BatchChunk;
import dev.polyledger.ledger.domain.BatchItem;
import dev.polyledger.ledger.domain.BatchItemRef;
import dev.polyledger.ledger.domain.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Stored batches in memory; item results arrive through {@link #apply} (called by {@link InMemoryLedger#write}). */
public final class InMemoryBatches implements Batches {
    private final Map<UUID, Batch> batches = new LinkedHashMap<>();
    private final Map<UUID, List<BatchItem>> items = new LinkedHashMap<>();
    private final Map<UUID, Instant> updated = new LinkedHashMap<>();

    @Override
    public void add(Batch batch, List<BatchItem> batchItems) {
        batches.put(batch.id(), batch);
        items.put(batch.id(), new ArrayList<>(batchItems));
        updated.put(batch.id(), batch.createdAt());
    }

    @Override
    public Optional<Batch> find(TenantId tenant, UUID id) {
        return Optional.ofNullable(batches.get(id)).filter(b -> b.tenant().equals(tenant));
    }

    @Override
    public List<BatchItem> items(TenantId tenant, UUID batchId, int from, int to) {
        return find(tenant, batchId).map(b -> items.get(batchId).stream()
                .filter(i -> i.index() >= from && i.index() < to).toList()).orElse(List.of());
    }

    @Override
    public List<BatchItem> page(TenantId tenant, UUID batchId, BatchItem.Status status, int afterIndex, int limit) {
        return find(tenant, batchId).map(b -> items.get(batchId).stream()
                .filter(i -> i.index() > afterIndex && (status == null || i.status() == status)).limit(limit).toList())
                .orElse(List.of());
    }

    @Override
    public Set<BatchItemRef> lockPending(Collection<BatchItemRef> refs) {
        var pending = new HashSet<BatchItemRef>();
        for (BatchItemRef ref : refs) {
            if (find(ref.tenant(), ref.batchId()).isPresent()
                    && items.get(ref.batchId()).get(ref.index()).status() == BatchItem.Status.PENDING) {
                pending.add(ref);
            }
        }
        return pending;
    }

    /** The item results of a write set, as PostgreSQL applies them: an item that is not pending fails. */
    void apply(List<LedgerWrites.ItemResult> results, Instant now) {
        for (var result : results) {
            var list = items.get(result.item().batchId());
            var item = list.get(result.item().index());
            if (item.status() != BatchItem.Status.PENDING) {
                throw new IllegalStateException("item " + result.item() + " is " + item.status());
            }
            list.set(item.index(), new BatchItem(item.index(), item.source(), item.destination(), item.amount(),
                    item.currency(), item.reference(), item.metadata(),
                    result.posted() ? BatchItem.Status.POSTED : BatchItem.Status.REJECTED, result.transfer(), result.code(),
                    result.detail()));
            var b = batches.get(result.item().batchId());
            batches.put(b.id(), new Batch(b.tenant(), b.id(), b.mode(), b.status(), b.total(),
                    b.posted() + (result.posted() ? 1 : 0), b.rejected() + (result.posted() ? 0 : 1), b.actor(),
                    b.requestId(), b.createdAt(), b.completedAt()));
            updated.put(b.id(), now);
        }
    }

    @Override
    public Optional<Batch> completeIfDone(TenantId tenant, UUID id, Instant now) {
        var b = find(tenant, id).orElse(null);
        if (b == null || b.status() == Batch.Status.COMPLETED || b.pending() > 0) {
            return Optional.empty();
        }
        var done = new Batch(b.tenant(), b.id(), b.mode(), Batch.Status.COMPLETED, b.total(), b.posted(), b.rejected(),
                b.actor(), b.requestId(), b.createdAt(), now);
        batches.put(id, done);
        return Optional.of(done);
    }

    @Override
    public List<BatchChunk> stalled(Instant now, Duration quietFor, int chunkSize, int limit) {
        var chunks = new ArrayList<BatchChunk>();
        for (Batch b : batches.values()) {
            if (b.status() == Batch.Status.PROCESSING && updated.get(b.id()).isBefore(now.minus(quietFor))) {
                int first = items.get(b.id()).stream().filter(i -> i.status() == BatchItem.Status.PENDING)
                        .mapToInt(BatchItem::index).findFirst().orElse(b.total() - 1);
                chunks.add(new BatchChunk(b.tenant(), b.id(), first / chunkSize * chunkSize));
            }
        }
        return chunks.stream().limit(limit).toList();
    }

    public List<BatchItem> items(UUID batchId) {
        return List.copyOf(items.get(batchId));
    }

    public Batch batch(UUID id) {
        return batches.get(id);
    }
}
