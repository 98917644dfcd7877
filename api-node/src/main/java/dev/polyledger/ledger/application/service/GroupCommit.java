package dev.polyledger.ledger.application.service;

import dev.polyledger.ledger.application.port.out.ContentionException;
import dev.polyledger.ledger.application.service.PostingPipeline.Unit;
import dev.polyledger.ledger.application.service.PostingPipeline.UnitResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: concurrent requests of this node that move money become one list of units for
 * {@link PostingPipeline#commit}, so they share one transaction and its commit. Each of a few committer threads takes
 * whatever has queued (up to {@code maxSize} units) and commits it; while one group commits the next one gathers, so
 * under load the groups grow by themselves and a lone request is never kept waiting for company.
 *
 * <p>Rules:
 * <ul>
 *   <li>a unit's refusal is a value in its own result: one client's bad request never fails another's;</li>
 *   <li>the same key twice in one group: the second replays the first's answer (the pipeline's rule);</li>
 *   <li>serialization failure: the pipeline's unit of work retries the whole group, as for a single request;</li>
 *   <li>{@link ContentionException} because the account lock queue did not move within {@code lock_timeout}
 *       ({@link ContentionException#attempts()} 0): every unit of the group gets it (503): running each again alone
 *       would only wait again;</li>
 *   <li>{@link ContentionException} because the serialization retries were spent: every unit runs again in a
 *       transaction of its own, with a retry budget of its own. A group reads and writes the rows of many accounts,
 *       which PostgreSQL's predicate locking coarsens to page and relation locks (beyond
 *       {@code max_pred_locks_per_page} tuples of a page and {@code max_pred_locks_per_relation} locks of a
 *       relation; PostgreSQL docs, "Lock Management"), so two large groups keep conflicting where their units alone
 *       would not (a closed loop of uniform transfers had 8 answered 503; that large groups were the ones
 *       exhausting their attempts is the likely cause, not a measured one);</li>
 *   <li>anything else (a constraint refused a row): every unit runs again in a transaction of its own, so only the
 *       unit at fault sees the failure.</li>
 * </ul>
 */
public final class GroupCommit implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

    private final BlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private final PostingPipeline pipeline;
    private final int maxSize;
    private final IntConsumer groupSizes;
    private final List<Thread> committers = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param maxSize    most units per transaction; 1 or less commits every unit on its caller's thread, alone
     * @param committers committer threads, each holding one database connection while its group commits
     * @param groupSizes told the size of every group committed (a metric)
     */
    public GroupCommit(PostingPipeline pipeline, int maxSize, int committers, IntConsumer groupSizes) {
        this.pipeline = pipeline;
        this.maxSize = maxSize;
        this.groupSizes = groupSizes;
        if (maxSize > 1) {
            for (int i = 1; i <= committers; i++) {
                Thread thread = new Thread(this::commitLoop, "ledger-commit-group-" + i);
                thread.setDaemon(true);
                thread.start();
                this.committers.add(thread);
            }
        }
    }

    /** Commits {@code unit}, possibly together with other callers' units; blocks until that transaction ends. */
    public UnitResult commit(Unit unit) {
        if (committers.isEmpty() || closed) {
            return alone(unit);
        }
        var queued = new Queued(unit);
        queue.add(queued);
        if (closed && queue.remove(queued)) {
            return alone(unit);
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

    private UnitResult alone(Unit unit) {
        return pipeline.commit(List.of(unit)).get(0);
    }

    private void commitLoop() {
        var group = new ArrayList<Queued>(maxSize);
        while (!closed) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(group, maxSize - 1);
            try {
                commitGroup(group);
            } catch (Throwable t) {
                // Never leave a caller waiting: whatever escaped fails the units that are not answered yet.
                LOG.log(Level.SEVERE, "commit group failed unexpectedly", t);
                group.forEach(q -> q.result.completeExceptionally(t));
            }
            group.clear();
        }
    }

    private void commitGroup(List<Queued> group) {
        groupSizes.accept(group.size());
        if (group.size() == 1) {
            runAlone(group.get(0));
            return;
        }
        List<UnitResult> results;
        try {
            results = pipeline.commit(group.stream().map(q -> q.unit).toList());
        } catch (ContentionException e) {
            if (e.attempts() > 0) {
                LOG.log(Level.FINE, "a group of {0} kept conflicting ({1}); each commits alone",
                        new Object[] {group.size(), e});
                group.forEach(this::runAlone);
                return;
            }
            group.forEach(q -> q.result.completeExceptionally(e));
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "a group of {0} failed ({1}); each commits alone", new Object[] {group.size(), e});
            group.forEach(this::runAlone);
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).result.complete(results.get(i));
        }
    }

    private void runAlone(Queued queued) {
        try {
            queued.result.complete(alone(queued.unit));
        } catch (RuntimeException | Error e) {
            queued.result.completeExceptionally(e);
        }
    }

    /** Units waiting for a committer right now. */
    public int queued() {
        return queue.size();
    }

    /** Stops the committers once their current group is done; units still queued commit on their own. */
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
        for (Queued left; (left = queue.poll()) != null; ) {
            runAlone(left);
        }
    }

    private static final class Queued {
        final Unit unit;
        final CompletableFuture<UnitResult> result = new CompletableFuture<>();

        Queued(Unit unit) {
            this.unit = unit;
        }
    }
}
