package dev.polyledger.ledger.application;

import dev.polyledger.platform.testing.MutableClock;

import static dev.polyledger.ledger.application.TestRequests.context;
import static dev.polyledger.ledger.application.TestRequests.key;
import static dev.polyledger.ledger.domain.DomainFixtures.USD;
import static dev.polyledger.ledger.domain.DomainFixtures.active;
import static dev.polyledger.ledger.domain.DomainFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.polyledger.ledger.application.port.in.IdempotentRequest;
import dev.polyledger.ledger.application.port.in.PostTransferCommand;
import dev.polyledger.ledger.application.port.in.PostingOutcome;
import dev.polyledger.ledger.application.port.in.Postings;
import dev.polyledger.ledger.application.port.out.ContentionException;
import dev.polyledger.ledger.application.port.out.UnitOfWork;
import dev.polyledger.ledger.application.service.GroupCommit;
import dev.polyledger.ledger.application.service.PostingPipeline;
import dev.polyledger.ledger.application.service.PostingPipeline.Answered;
import dev.polyledger.ledger.application.service.PostingPipeline.Replayed;
import dev.polyledger.ledger.application.service.PostingPipeline.Unit;
import dev.polyledger.ledger.application.service.PostingPipeline.UnitResult;
import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.LedgerRejection;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.ledger.domain.RecordedAnswer;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit's rules: concurrent units through one pipeline transaction, each with its own result. */
class GroupCommitTest {
    private final GatedUnitOfWork unitOfWork = new GatedUnitOfWork();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final InMemoryIdempotencyRecords records = new InMemoryIdempotencyRecords();
    private final PostingPipeline pipeline = Pipelines.over(ledger, records, unitOfWork, new SequentialIds(),
            FixedCurrencies.of(USD), MutableClock.at(java.time.Instant.parse("2026-11-21T12:30:00Z")));
    private final List<Integer> sizes = new CopyOnWriteArrayList<>();
    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    private final Account rich = ledger.seed(active(usd(100_000)));
    private final Account poor = ledger.seed(active(usd(100)));
    private final Account payee = ledger.seed(active(usd(0)));
    private GroupCommit groups;

    @AfterEach
    void stop() {
        callers.shutdownNow();
        if (groups != null) {
            groups.close();
        }
    }

    @Test
    void unitsThatQueuedMeanwhileCommitInOneTransactionAndARefusalFailsOnlyItsOwnCaller() throws Exception {
        groups = new GroupCommit(pipeline, 32, 1, sizes::add);
        Future<UnitResult> blocker = blockTheCommitter();
        Future<UnitResult> first = submit(unit("a", transfer(rich, payee, "1.00")));
        Future<UnitResult> refused = submit(unit("b", transfer(poor, payee, "5.00")));
        Future<UnitResult> last = submit(unit("c", transfer(rich, payee, "2.00")));
        awaitQueued(3);
        unitOfWork.release();

        assertThat(outcome(blocker)).isInstanceOf(PostingOutcome.Posted.class);
        assertThat(outcome(first)).isInstanceOf(PostingOutcome.Posted.class);
        assertThat(outcome(refused)).isInstanceOfSatisfying(PostingOutcome.Refused.class,
                r -> assertThat(r.first().reason()).isEqualTo(LedgerRejection.INSUFFICIENT_FUNDS));
        assertThat(outcome(last)).isInstanceOf(PostingOutcome.Posted.class);
        assertThat(unitOfWork.transactions).as("the blocker's, then one for the three").isEqualTo(2);
        assertThat(sizes).containsExactly(1, 3);
        assertThat(ledger.account(payee.id()).balance()).isEqualTo(usd(400));
    }

    @Test
    void theSameKeyTwiceInOneGroupReplaysTheFirst() throws Exception {
        groups = new GroupCommit(pipeline, 32, 1, sizes::add);
        Future<UnitResult> blocker = blockTheCommitter();
        Future<UnitResult> first = submit(unit("same", transfer(rich, payee, "1.00")));
        awaitQueued(1); // queue order decides which of the two is first: submit the second only once the first waits
        Future<UnitResult> second = submit(unit("same", transfer(rich, payee, "1.00")));
        awaitQueued(2);
        unitOfWork.release();

        blocker.get(5, TimeUnit.SECONDS);
        var answered = (Answered) first.get(5, TimeUnit.SECONDS);
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(new Replayed(answered.record()));
        assertThat(ledger.transfers()).hasSize(2);
        assertThat(sizes).containsExactly(1, 2);
    }

    @Test
    void aLockQueueThatDidNotMoveFailsEveryUnitOfTheGroupWithoutRunningThemAgain() throws Exception {
        var group = twoUnitsWhoseGroupFailsWith(new ContentionException(0, new RuntimeException("55P03")));
        var first = group.get(0);
        var second = group.get(1);
        assertThat(catchThrowable(() -> first.get(5, TimeUnit.SECONDS))).hasCauseInstanceOf(ContentionException.class);
        assertThat(catchThrowable(() -> second.get(5, TimeUnit.SECONDS))).hasCauseInstanceOf(ContentionException.class);
        assertThat(unitOfWork.transactions).isEqualTo(2);
        assertThat(ledger.transfers()).hasSize(1);
    }

    @Test
    void aGroupWhoseSerializationRetriesAreSpentCommitsEachUnitAloneWithABudgetOfItsOwn() throws Exception {
        var group = twoUnitsWhoseGroupFailsWith(new ContentionException(12, new RuntimeException("40001")));
        var first = group.get(0);
        var second = group.get(1);
        assertThat(outcome(first)).isInstanceOf(PostingOutcome.Posted.class);
        assertThat(outcome(second)).isInstanceOf(PostingOutcome.Posted.class);
        assertThat(unitOfWork.transactions).as("blocker, the group that kept conflicting, then each alone").isEqualTo(4);
        assertThat(ledger.transfers()).hasSize(3);
    }

    @Test
    void aGroupThatFailsForAnotherReasonCommitsEachUnitAlone() throws Exception {
        var group = twoUnitsWhoseGroupFailsWith(new IllegalStateException("a constraint refused a row"));
        var first = group.get(0);
        var second = group.get(1);
        assertThat(outcome(first)).isInstanceOf(PostingOutcome.Posted.class);
        assertThat(outcome(second)).isInstanceOf(PostingOutcome.Posted.class);
        assertThat(unitOfWork.transactions).as("blocker, the failed group, then each alone").isEqualTo(4);
        assertThat(ledger.transfers()).hasSize(3);
    }

    @Test
    void withGroupsOffEveryUnitCommitsAloneOnItsCallersThread() {
        groups = new GroupCommit(pipeline, 1, 2, sizes::add);

        var result = groups.commit(unit("a", transfer(rich, payee, "1.00")));

        assertThat(((Answered) result).outcome()).isInstanceOf(PostingOutcome.Posted.class);
        assertThat(unitOfWork.threads).containsExactly(Thread.currentThread().getName());
        assertThat(sizes).isEmpty();
    }

    // --- fixtures ---------------------------------------------------------------------------------------------

    /** Two units queued behind a blocker, committed as one group whose transaction fails with {@code failure}. */
    private List<Future<UnitResult>> twoUnitsWhoseGroupFailsWith(RuntimeException failure) throws Exception {
        groups = new GroupCommit(pipeline, 32, 1, sizes::add);
        Future<UnitResult> blocker = blockTheCommitter();
        Future<UnitResult> first = submit(unit("a", transfer(rich, payee, "1.00")));
        Future<UnitResult> second = submit(unit("b", transfer(rich, payee, "2.00")));
        awaitQueued(2);
        unitOfWork.failNextWith(failure);
        unitOfWork.release();
        blocker.get(5, TimeUnit.SECONDS);
        return List.of(first, second);
    }

    private Future<UnitResult> blockTheCommitter() throws InterruptedException {
        unitOfWork.holdNext();
        Future<UnitResult> blocker = submit(unit("blocker", transfer(rich, payee, "1.00")));
        unitOfWork.awaitHeld();
        return blocker;
    }

    private Future<UnitResult> submit(Unit unit) {
        return callers.submit(() -> groups.commit(unit));
    }

    private void awaitQueued(int units) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (groups.queued() < units) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + groups.queued() + " of " + units + " units queued");
            }
            Thread.sleep(5);
        }
    }

    private static PostingOutcome outcome(Future<UnitResult> result) throws Exception {
        return ((Answered) result.get(5, TimeUnit.SECONDS)).outcome();
    }

    private Unit unit(String key, PostTransferCommand command) {
        return new Unit(new IdempotentRequest(key(key), "fp"), pipeline.prepare(Postings.single(command)),
                outcome -> RecordedAnswer.done(outcome.toString()));
    }

    private static PostTransferCommand transfer(Account source, Account destination, String amount) {
        return PostTransferCommand.transfer(source.id(), destination.id(), amount, "USD", null, Metadata.empty(),
                context("req"));
    }

    /** Runs each transaction directly; can hold the next one until released, or fail it once. */
    private static final class GatedUnitOfWork implements UnitOfWork {
        volatile int transactions;
        final List<String> threads = new CopyOnWriteArrayList<>();
        private volatile CountDownLatch held;
        private volatile CountDownLatch release;
        private volatile RuntimeException failNext;

        void holdNext() {
            held = new CountDownLatch(1);
            release = new CountDownLatch(1);
        }

        void awaitHeld() throws InterruptedException {
            assertThat(held.await(5, TimeUnit.SECONDS)).as("the committer took the first unit").isTrue();
        }

        void release() {
            release.countDown();
        }

        void failNextWith(RuntimeException failure) {
            failNext = failure;
        }

        @Override
        public <T> T inSerializableTransaction(Supplier<T> work) {
            return inSerializableTransaction(List.of(), work);
        }

        @Override
        public synchronized <T> T inSerializableTransaction(Collection<AccountId> serializeOn, Supplier<T> work) {
            transactions++;
            threads.add(Thread.currentThread().getName());
            if (held != null && held.getCount() > 0) {
                held.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else if (failNext != null) {
                RuntimeException failure = failNext;
                failNext = null;
                throw failure;
            }
            return work.get();
        }
    }
}
