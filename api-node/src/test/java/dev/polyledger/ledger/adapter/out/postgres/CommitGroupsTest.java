package dev.polyledger.ledger.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.ledger.application.port.out.ContentionException;
import dev.polyledger.ledger.domain.AccountId;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit's rules, with a stand-in for the database transaction (it records what ran together). */
class CommitGroupsTest {
    private static final AccountId A = new AccountId(new UUID(0, 1));
    private static final AccountId B = new AccountId(new UUID(0, 2));
    private static final AccountId C = new AccountId(new UUID(0, 3));

    private final RecordingTransactions transactions = new RecordingTransactions();
    private final PendingWrites pending = new PendingWrites();
    private final DistributionSummary sizes = DistributionSummary.builder("sizes").register(new SimpleMeterRegistry());
    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    private CommitGroups groups;

    @AfterEach
    void stop() {
        callers.shutdownNow();
        if (groups != null) {
            groups.close();
        }
    }

    @Test
    void runsTheWorkOfCallersThatQueuedMeanwhileInOneTransactionEachWithItsOwnResult() throws Exception {
        groups = new CommitGroups(transactions, pending, 32, 1, sizes);
        Future<String> first = busyCommitter("first");
        var rest = new ArrayList<Future<String>>();
        for (int i = 0; i < 5; i++) {
            String name = "w" + i;
            AccountId account = i % 2 == 0 ? B : C;
            rest.add(callers.submit(() -> groups.run(Set.of(account), () -> name)));
        }
        awaitQueued(5);
        transactions.release();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        for (int i = 0; i < 5; i++) {
            assertThat(rest.get(i).get(5, TimeUnit.SECONDS)).isEqualTo("w" + i);
        }
        assertThat(transactions.committed()).hasSize(2);
        assertThat(transactions.committed().get(0)).containsExactly("first");
        assertThat(transactions.committed().get(1)).as("one transaction for the five")
                .containsExactlyInAnyOrder("w0", "w1", "w2", "w3", "w4");
        assertThat(transactions.lockedOn().get(1)).containsExactlyInAnyOrder(B, C);
        assertThat(sizes.count()).isEqualTo(2);
        assertThat(sizes.max()).isEqualTo(5);
    }

    @Test
    void aWorkThatFailsInAGroupFailsOnlyItsCallerAndTheOthersCommitAlone() throws Exception {
        groups = new CommitGroups(transactions, pending, 32, 1, sizes);
        Future<String> blocker = busyCommitter("blocker");
        Future<String> good1 = callers.submit(() -> groups.run(Set.of(B), () -> "good1"));
        Future<String> bad = callers.submit(() -> groups.run(Set.of(C), () -> {
            throw new IllegalArgumentException("refused");
        }));
        Future<String> good2 = callers.submit(() -> groups.run(Set.of(A), () -> "good2"));
        awaitQueued(3);
        transactions.release();

        assertThat(blocker.get(5, TimeUnit.SECONDS)).isEqualTo("blocker");
        assertThat(good1.get(5, TimeUnit.SECONDS)).isEqualTo("good1");
        assertThat(good2.get(5, TimeUnit.SECONDS)).isEqualTo("good2");
        assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class);
        // the group of three rolled back, then each of its works ran alone
        assertThat(sizes.max()).isEqualTo(3);
        assertThat(transactions.calls()).isEqualTo(5);
        assertThat(transactions.committed()).containsExactly(List.of("blocker"), List.of("good1"), List.of("good2"));
    }

    @Test
    void contentionFailsEveryCallerOfTheGroupWithoutRunningThemAgain() throws Exception {
        groups = new CommitGroups(transactions, pending, 32, 1, sizes);
        Future<String> blocker = busyCommitter("blocker");
        transactions.failNextWith(new ContentionException(12, new RuntimeException("40001")));
        Future<String> one = callers.submit(() -> groups.run(Set.of(B), () -> "one"));
        Future<String> two = callers.submit(() -> groups.run(Set.of(C), () -> "two"));
        awaitQueued(2);
        transactions.release();

        assertThat(blocker.get(5, TimeUnit.SECONDS)).isEqualTo("blocker");
        assertThatThrownBy(() -> one.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ContentionException.class);
        assertThatThrownBy(() -> two.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ContentionException.class);
        assertThat(transactions.calls()).as("nobody ran again").isEqualTo(2);
        assertThat(transactions.committed()).containsExactly(List.of("blocker"));
    }

    @Test
    void holdsInsertsUntilTheEndOfTheGroupAndSendsThemInOneBatch() throws Exception {
        groups = new CommitGroups(transactions, pending, 32, 1, sizes);
        var written = Collections.synchronizedList(new ArrayList<List<String>>());
        PendingWrites.Writer<String> table = rows -> written.add(rows);
        Future<String> blocker = busyCommitter("blocker");
        var futures = new ArrayList<Future<Boolean>>();
        for (String row : List.of("r1", "r2", "r3")) {
            futures.add(callers.submit(() -> groups.run(Set.of(B), () -> pending.hold(table, row))));
        }
        awaitQueued(3);
        transactions.release();

        for (var f : futures) {
            assertThat(f.get(5, TimeUnit.SECONDS)).as("held, not written at once").isTrue();
        }
        assertThat(written).hasSize(1);
        assertThat(written.get(0)).containsExactlyInAnyOrder("r1", "r2", "r3");
        assertThat(pending.hold(table, "outside")).as("nothing is held outside a group").isFalse();
    }

    @Test
    void withGroupsOffEveryWorkRunsAloneOnItsCallersThread() {
        groups = new CommitGroups(transactions, pending, 1, 2, sizes);
        String thread = groups.run(Set.of(A), () -> Thread.currentThread().getName());

        assertThat(thread).isEqualTo(Thread.currentThread().getName());
        assertThat(transactions.calls()).isEqualTo(1);
    }

    @Test
    void workWithoutAccountsRunsAlone() {
        groups = new CommitGroups(transactions, pending, 32, 2, sizes);
        String thread = groups.run(Set.of(), () -> Thread.currentThread().getName());

        assertThat(thread).isEqualTo(Thread.currentThread().getName());
    }

    /** Keeps the only committer busy with a work on A (result {@code name}) until {@code transactions.release()}. */
    private Future<String> busyCommitter(String name) throws InterruptedException {
        transactions.holdNextTransaction();
        Future<String> busy = callers.submit(() -> groups.run(Set.of(A), () -> name));
        transactions.awaitHeld();
        return busy;
    }

    private void awaitQueued(int works) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (groups.queued() < works) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + groups.queued() + " works queued");
            }
            Thread.sleep(5);
        }
    }

    /**
     * Runs the work at once as one transaction and records the accounts it locked and what it committed (a
     * group's results as a list, a lone work's result as a list of one). Can hold the next transaction open until
     * released, and fail the next group's transaction after its work ran (as a failed COMMIT would).
     */
    private static final class RecordingTransactions implements CommitGroups.Transactions {
        private final List<Set<AccountId>> lockedOn = Collections.synchronizedList(new ArrayList<>());
        private final List<List<Object>> committed = Collections.synchronizedList(new ArrayList<>());
        private volatile int calls;
        private volatile CountDownLatch held = new CountDownLatch(0);
        private volatile CountDownLatch gate = new CountDownLatch(0);
        private volatile RuntimeException nextFailure;

        void holdNextTransaction() {
            held = new CountDownLatch(1);
            gate = new CountDownLatch(1);
        }

        void awaitHeld() throws InterruptedException {
            assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
        }

        void release() {
            gate.countDown();
        }

        void failNextWith(RuntimeException failure) {
            nextFailure = failure;
        }

        @Override
        public synchronized <T> T inSerializableTransaction(Collection<AccountId> serializeOn, Supplier<T> work) {
            calls++;
            lockedOn.add(Set.copyOf(serializeOn));
            T result = work.get();
            if (held.getCount() > 0) {
                held.countDown();
                try {
                    assertThat(gate.await(5, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            RuntimeException failure = nextFailure;
            if (failure != null && result instanceof List<?>) {
                nextFailure = null;
                throw failure;
            }
            committed.add(result instanceof List<?> list ? List.copyOf(list) : List.of(result));
            return result;
        }

        int calls() {
            return calls;
        }

        List<Set<AccountId>> lockedOn() {
            return List.copyOf(lockedOn);
        }

        List<List<Object>> committed() {
            return List.copyOf(committed);
        }
    }
}
