package dev.polyledger.ledger.adapter.out.postgres;

import dev.polyledger.ledger.application.port.out.ContentionException;
import dev.polyledger.ledger.domain.AccountId;
import io.micrometer.core.instrument.DistributionSummary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for {@link SerializableUnitOfWork#inSharedSerializableTransaction}: callers queue their work, and
 * each of a few committer threads takes whatever has queued (up to {@code maxSize}) and runs it in one
 * serializable transaction: the union of the group's account locks, each work in queue order, the held inserts
 * ({@link PendingWrites}), one COMMIT. While one group commits the next one gathers, so under load the groups
 * grow by themselves and a lone request is never kept waiting for company.
 *
 * <p>Failure rules (the guarantees of {@code UnitOfWork#inSharedSerializableTransaction}):
 * <ul>
 *   <li>serialization failure → the whole group is retried by the unit of work, as a single transaction is;</li>
 *   <li>{@link ContentionException} (retries spent, lock queue did not move) → every caller of the group gets it
 *       (503 with Retry-After): running each again alone would only wait again;</li>
 *   <li>anything else (a work threw, a constraint refused a row) → the group is rolled back and every work runs
 *       again in a transaction of its own, so only the caller whose work fails sees the failure.</li>
 * </ul>
 * Metric {@code ledger.commit.group.size} (Prometheus {@code ledger_commit_group_size}): works per transaction.
 */
final class CommitGroups implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommitGroups.class);

    /** Runs one transaction on the calling thread: the unit of work's own retrying boundary. */
    interface Transactions {
        <T> T inSerializableTransaction(Collection<AccountId> serializeOn, Supplier<T> work);
    }

    private final BlockingQueue<Queued<?>> queue = new LinkedBlockingQueue<>();
    private final Transactions transactions;
    private final PendingWrites pending;
    private final int maxSize;
    private final DistributionSummary sizes;
    private final List<Thread> committers = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param maxSize    most works per transaction; 1 or less runs every work on its caller's thread, alone
     * @param committers committer threads, each holding a pooled connection while its group runs
     */
    CommitGroups(Transactions transactions, PendingWrites pending, int maxSize, int committers, DistributionSummary sizes) {
        this.transactions = transactions;
        this.pending = pending;
        this.maxSize = maxSize;
        this.sizes = sizes;
        if (maxSize > 1) {
            for (int i = 1; i <= committers; i++) {
                Thread thread = new Thread(this::commitLoop, "ledger-commit-group-" + i);
                thread.setDaemon(true);
                thread.start();
                this.committers.add(thread);
            }
        }
    }

    /** Runs {@code work} in a transaction it may share with other callers' work; blocks until that commits. */
    <T> T run(Collection<AccountId> serializeOn, Supplier<T> work) {
        if (committers.isEmpty() || serializeOn.isEmpty() || closed) {
            return transactions.inSerializableTransaction(serializeOn, work);
        }
        var queued = new Queued<>(Set.copyOf(serializeOn), work);
        queue.add(queued);
        if (closed && queue.remove(queued)) {
            return transactions.inSerializableTransaction(serializeOn, work);
        }
        try {
            return queued.result.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private void commitLoop() {
        var group = new ArrayList<Queued<?>>(maxSize);
        while (!closed) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(group, maxSize - 1);
            try {
                commit(group);
            } catch (Throwable t) {
                // Never leave a caller waiting: whatever escaped fails the works that are not answered yet.
                LOG.error("commit group failed unexpectedly", t);
                group.forEach(q -> q.result.completeExceptionally(t));
            }
            group.clear();
        }
    }

    private void commit(List<Queued<?>> group) {
        sizes.record(group.size());
        if (group.size() == 1) {
            runAlone(group.get(0));
            return;
        }
        Set<AccountId> accounts = new HashSet<>();
        group.forEach(q -> accounts.addAll(q.serializeOn));
        List<Object> results;
        try {
            results = transactions.inSerializableTransaction(accounts, () -> {
                try (var held = pending.open(accounts)) {
                    var out = new ArrayList<Object>(group.size());
                    for (Queued<?> q : group) {
                        out.add(q.work.get());
                    }
                    held.flush();
                    return out;
                }
            });
        } catch (ContentionException e) {
            group.forEach(q -> q.result.completeExceptionally(e));
            return;
        } catch (RuntimeException e) {
            LOG.debug("a group of {} failed ({}); each runs alone", group.size(), e.toString());
            group.forEach(this::runAlone);
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            complete(group.get(i), results.get(i));
        }
    }

    private <T> void runAlone(Queued<T> queued) {
        try {
            queued.result.complete(transactions.inSerializableTransaction(queued.serializeOn, queued.work));
        } catch (RuntimeException | Error e) {
            queued.result.completeExceptionally(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Queued<T> queued, Object result) {
        queued.result.complete((T) result);
    }

    /** Works waiting for a committer right now. */
    int queued() {
        return queue.size();
    }

    /** Stops the committers once their current group is done; work still queued runs on its caller's thread. */
    @Override
    public void close() {
        closed = true;
        committers.forEach(Thread::interrupt);
        for (Thread thread : committers) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Queued<?> left; (left = queue.poll()) != null; ) {
            runAlone(left);
        }
    }

    private static final class Queued<T> {
        final Set<AccountId> serializeOn;
        final Supplier<T> work;
        final CompletableFuture<T> result = new CompletableFuture<>();

        Queued(Set<AccountId> serializeOn, Supplier<T> work) {
            this.serializeOn = serializeOn;
            this.work = work;
        }
    }
}
