package dev.polyledger.ledger.application;

import dev.polyledger.platform.testing.MutableClock;

import static dev.polyledger.ledger.domain.DomainFixtures.OTHER_TENANT;
import static dev.polyledger.ledger.application.TestRequests.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.ledger.application.port.in.ExecuteIdempotently.Result;
import dev.polyledger.ledger.domain.IdempotencyKey;
import dev.polyledger.ledger.domain.IdempotencyRecord;
import dev.polyledger.ledger.application.port.in.IdempotentRequest;
import dev.polyledger.ledger.domain.RecordedAnswer;
import dev.polyledger.ledger.application.port.out.TransientConflictException;
import dev.polyledger.ledger.application.port.out.UnitOfWork;
import dev.polyledger.ledger.application.service.GroupCommit;
import dev.polyledger.ledger.application.service.IdempotencyPolicy;
import dev.polyledger.ledger.application.service.IdempotencyService;
import dev.polyledger.ledger.domain.AccountId;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class IdempotencyServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final Duration RETENTION = Duration.ofHours(24);
    private static final IdempotencyRequestFixture KEY = new IdempotencyRequestFixture(key("key-1"));

    private final MutableClock clock = MutableClock.at(NOW);
    private final InMemoryIdempotencyRecords records = new InMemoryIdempotencyRecords();
    private final InMemoryIdempotencyCache cache = new InMemoryIdempotencyCache();
    private final DirectUnitOfWork unitOfWork = new DirectUnitOfWork();
    private final IdempotencyService service = serviceWith(unitOfWork);
    private final CountingOperation operation = new CountingOperation(unitOfWork);

    @Test
    void runsTheOperationOnceAndRecordsItsResponse() {
        Result result = service.execute(KEY.request(), operation);

        assertThat(result).isEqualTo(new Result.Completed(response(1), Result.Source.EXECUTED));
        assertThat(operation.runs).isEqualTo(1);
        assertThat(operation.ranInsideATransaction).isTrue();
        assertThat(records.all()).containsExactly(
                new IdempotencyRecord(key("key-1"), KEY.fingerprint(), response(1), NOW, NOW.plus(RETENTION)));
        assertThat(cache.cached(key("key-1"))).contains(records.all().get(0));
    }

    @Test
    void queuesBehindTheWritersOfTheAccountsTheRequestChanges() {
        AccountId source = new AccountId(new UUID(0, 1));
        AccountId destination = new AccountId(new UUID(0, 2));

        service.execute(new IdempotentRequest(key("key-1"), KEY.fingerprint(), Set.of(source, destination)), operation);

        assertThat(unitOfWork.serializedOn()).containsExactly(Set.of(source, destination));
    }

    @Test
    void runsTheSameKeyOfAnotherTenantAsAnUnrelatedRequest() {
        service.execute(KEY.request(), operation);

        Result other = service.execute(new IdempotentRequest(new IdempotencyKey(OTHER_TENANT, "key-1"),
                KEY.otherRequest().fingerprint()), operation);

        assertThat(other).isEqualTo(new Result.Completed(response(2), Result.Source.EXECUTED));
        assertThat(records.all()).hasSize(2);
    }

    @Test
    void releasesItsLockWhenDone() {
        service.execute(KEY.request(), operation);

        assertThat(cache.isLocked(key("key-1"))).isFalse();
        assertThat(cache.released()).hasSize(1);
    }

    @Test
    void replaysTheFirstResponseForTheSameKeyAndRequestWithoutRunningAgain() {
        service.execute(KEY.request(), operation);

        Result replay = service.execute(KEY.request(), operation);

        assertThat(replay).isEqualTo(new Result.Completed(response(1), Result.Source.CACHE));
        assertThat(operation.runs).isEqualTo(1);
        assertThat(records.inserts()).isEqualTo(1);
    }

    @Test
    void replaysFromTheCacheAloneTheSameRequestOnly() {
        service.execute(KEY.request(), operation);
        int findsBefore = records.finds();

        var replay = service.replayFromCache(KEY.request()).toCompletableFuture().join();
        var other = service.replayFromCache(KEY.otherRequest()).toCompletableFuture().join();
        var unknown = service.replayFromCache(new IdempotencyRequestFixture(key("key-2")).request())
                .toCompletableFuture().join();

        assertThat(replay).contains(new Result.Completed(response(1), Result.Source.CACHE));
        assertThat(other).as("a reused key is left to execute, which refuses it").isEmpty();
        assertThat(unknown).isEmpty();
        assertThat(records.finds()).as("PostgreSQL is not asked").isEqualTo(findsBefore);
        assertThat(operation.runs).isEqualTo(1);
    }

    @Test
    void replaysFromTheCacheNothingExpiredAndNothingWhileTheCacheIsDown() {
        service.execute(KEY.request(), operation);
        cache.goDown();
        assertThat(service.replayFromCache(KEY.request()).toCompletableFuture().join()).isEmpty();
        cache.comeBack();
        assertThat(service.replayFromCache(KEY.request()).toCompletableFuture().join()).as("control").isPresent();

        clock.set(NOW.plus(RETENTION));

        assertThat(service.replayFromCache(KEY.request()).toCompletableFuture().join()).isEmpty();
    }

    @Test
    void refusesTheKeyForADifferentRequest() {
        service.execute(KEY.request(), operation);

        Result reused = service.execute(KEY.otherRequest(), operation);

        assertThat(reused).isInstanceOf(Result.KeyReused.class);
        assertThat(operation.runs).isEqualTo(1);
    }

    @Test
    void refusesTheKeyForADifferentRequestFromTheRecordsWhenTheCacheWasFlushed() {
        service.execute(KEY.request(), operation);
        cache.flush();

        Result reused = service.execute(KEY.otherRequest(), operation);

        assertThat(reused).isInstanceOf(Result.KeyReused.class);
        assertThat(operation.runs).isEqualTo(1);
        assertThat(cache.isLocked(key("key-1"))).isFalse();
    }

    @Test
    void answersInFlightWhileAnotherRequestHoldsTheKeyAndRunsNothing() {
        cache.holdLockElsewhere(key("key-1"));

        Result result = service.execute(KEY.request(), operation);

        assertThat(result).isEqualTo(new Result.InFlight(1));
        assertThat(operation.runs).isZero();
        assertThat(unitOfWork.transactions()).isZero();
        assertThat(records.all()).isEmpty();
        assertThat(cache.isLockedElsewhere(key("key-1"))).isTrue();
        assertThat(cache.released()).isEmpty();
    }

    @Test
    void runsExactlyOnceWhenTheCacheIsDown() {
        cache.goDown();

        Result first = service.execute(KEY.request(), operation);
        Result second = service.execute(KEY.request(), operation);

        assertThat(first).isEqualTo(new Result.Completed(response(1), Result.Source.EXECUTED));
        assertThat(second).isEqualTo(new Result.Completed(response(1), Result.Source.STORE));
        assertThat(operation.runs).isEqualTo(1);
        assertThat(records.all()).hasSize(1);
        assertThat(unitOfWork.transactions()).isEqualTo(2);
    }

    @Test
    void refusesAReusedKeyWhenTheCacheIsDown() {
        cache.goDown();
        service.execute(KEY.request(), operation);

        assertThat(service.execute(KEY.otherRequest(), operation)).isInstanceOf(Result.KeyReused.class);
        assertThat(operation.runs).isEqualTo(1);
    }

    @Test
    void replaysFromTheRecordsAfterTheCacheWasFlushed() {
        service.execute(KEY.request(), operation);
        cache.flush();

        Result replay = service.execute(KEY.request(), operation);

        assertThat(replay).isEqualTo(new Result.Completed(response(1), Result.Source.STORE));
        assertThat(operation.runs).isEqualTo(1);
        assertThat(unitOfWork.transactions()).isEqualTo(2);
        assertThat(cache.cached(key("key-1"))).isPresent();
    }

    @Test
    void replaysACachedResponseWithoutTouchingTheDatabase() {
        cache.put(new IdempotencyRecord(key("key-1"), KEY.fingerprint(), RecordedAnswer.refused("X", "{\"code\":\"X\"}"),
                NOW, NOW.plus(RETENTION)));

        Result replay = service.execute(KEY.request(), operation);

        assertThat(replay).isEqualTo(new Result.Completed(RecordedAnswer.refused("X", "{\"code\":\"X\"}"), Result.Source.CACHE));
        assertThat(unitOfWork.transactions()).isZero();
        assertThat(records.finds()).isZero();
        assertThat(operation.runs).isZero();
        assertThat(cache.isLocked(key("key-1"))).isFalse();
    }

    @Test
    void refusesACachedKeyForADifferentRequestWithoutTouchingTheDatabase() {
        cache.put(new IdempotencyRecord(key("key-1"), KEY.fingerprint(), response(1), NOW, NOW.plus(RETENTION)));

        assertThat(service.execute(KEY.otherRequest(), operation)).isInstanceOf(Result.KeyReused.class);
        assertThat(unitOfWork.transactions()).isZero();
        assertThat(operation.runs).isZero();
    }

    @Test
    void recordsNothingWhenTheOperationFailsAndLetsTheSameKeySucceedLater() {
        RuntimeException failure = new IllegalStateException("database went away");

        assertThatThrownBy(() -> service.execute(KEY.request(), () -> {
            throw failure;
        })).isSameAs(failure);

        assertThat(records.all()).isEmpty();
        assertThat(cache.cached(key("key-1"))).isEmpty();
        assertThat(cache.isLocked(key("key-1"))).isFalse();
        assertThat(cache.released()).hasSize(1);

        Result retry = service.execute(KEY.request(), operation);

        assertThat(retry).isEqualTo(new Result.Completed(response(1), Result.Source.EXECUTED));
        assertThat(operation.runs).isEqualTo(1);
    }

    @Test
    void replaysTheRecordOfAConcurrentRequestThatCommittedFirst() {
        var retrying = new RetryingUnitOfWork(2);
        var winner = new IdempotencyRecord(key("key-1"), KEY.fingerprint(), RecordedAnswer.done("{\"winner\":true}"),
                NOW, NOW.plus(RETENTION));
        records.commitConcurrentlyAfterNextFind(winner);

        Result result = serviceWith(retrying).execute(KEY.request(), new CountingOperation(null));

        assertThat(result).isEqualTo(new Result.Completed(RecordedAnswer.done("{\"winner\":true}"), Result.Source.STORE));
        assertThat(retrying.attempts()).isEqualTo(2);
        assertThat(records.all()).containsExactly(winner);
        assertThat(cache.cached(key("key-1"))).contains(winner);
        assertThat(cache.isLocked(key("key-1"))).isFalse();
    }

    @Test
    void refusesTheKeyWhenAConcurrentDifferentRequestCommittedFirst() {
        var retrying = new RetryingUnitOfWork(2);
        records.commitConcurrentlyAfterNextFind(new IdempotencyRecord(key("key-1"), "another-fingerprint",
                RecordedAnswer.done("{}"), NOW, NOW.plus(RETENTION)));

        Result result = serviceWith(retrying).execute(KEY.request(), new CountingOperation(null));

        assertThat(result).isInstanceOf(Result.KeyReused.class);
        assertThat(records.all()).extracting(IdempotencyRecord::fingerprint).containsExactly("another-fingerprint");
    }

    @Test
    void releasesItsLockWhenTheTransactionFails() {
        records.commitConcurrentlyAfterNextFind(new IdempotencyRecord(key("key-1"), KEY.fingerprint(),
                RecordedAnswer.done("{}"), NOW, NOW.plus(RETENTION)));

        assertThatThrownBy(() -> service.execute(KEY.request(), operation))
                .isInstanceOf(TransientConflictException.class);

        assertThat(cache.isLocked(key("key-1"))).isFalse();
        assertThat(cache.cached(key("key-1"))).isEmpty();
    }

    @Test
    void replaysUntilTheRetentionEnds() {
        service.execute(KEY.request(), operation);
        clock.advance(RETENTION.minusSeconds(1));
        cache.flush();

        assertThat(service.execute(KEY.request(), operation)).isEqualTo(new Result.Completed(response(1), Result.Source.STORE));
        assertThat(operation.runs).isEqualTo(1);
    }

    @Test
    void treatsAKeyPastItsRetentionAsNew() {
        service.execute(KEY.request(), operation);
        clock.advance(RETENTION.plusSeconds(1));

        Result again = service.execute(KEY.request(), operation);

        assertThat(again).isEqualTo(new Result.Completed(response(2), Result.Source.EXECUTED));
        assertThat(operation.runs).isEqualTo(2);
        Instant later = NOW.plus(RETENTION).plusSeconds(1);
        assertThat(records.all()).containsExactly(
                new IdempotencyRecord(key("key-1"), KEY.fingerprint(), response(2), later, later.plus(RETENTION)));
    }

    @Test
    void acceptsAnExpiredKeyForADifferentRequest() {
        service.execute(KEY.request(), operation);
        clock.advance(RETENTION.plusSeconds(1));

        Result again = service.execute(KEY.otherRequest(), operation);

        assertThat(again).isEqualTo(new Result.Completed(response(2), Result.Source.EXECUTED));
    }

    @Test
    void prunesOnlyExpiredRecords() {
        service.execute(new IdempotencyRequestFixture(key("old")).request(), operation);
        clock.advance(Duration.ofHours(12));
        service.execute(new IdempotencyRequestFixture(key("recent")).request(), operation);
        clock.advance(Duration.ofHours(13));

        int deleted = service.pruneExpired(100);

        assertThat(deleted).isEqualTo(1);
        assertThat(records.all()).extracting(IdempotencyRecord::key).containsExactly(key("recent"));
    }

    private IdempotencyService serviceWith(UnitOfWork unitOfWork) {
        var pipeline = Pipelines.over(new InMemoryLedger(), records, unitOfWork, new SequentialIds(), FixedCurrencies.of(), clock);
        return new IdempotencyService(records, cache, unitOfWork, clock,
                new IdempotencyPolicy(RETENTION, Duration.ofSeconds(30)), pipeline, new GroupCommit(pipeline, 1, 0, size -> { }));
    }

    private static RecordedAnswer response(int run) {
        return RecordedAnswer.done("{\"run\":" + run + "}");
    }

    /** An idempotency key with its request and a different request. */
    private record IdempotencyRequestFixture(IdempotencyKey key, String fingerprint) {
        IdempotencyRequestFixture(IdempotencyKey key) {
            this(key, "POST /api/v1/transfers sha256:aaaa");
        }

        IdempotentRequest request() {
            return new IdempotentRequest(key, fingerprint);
        }

        IdempotentRequest otherRequest() {
            return new IdempotentRequest(key, "POST /api/v1/transfers sha256:bbbb");
        }
    }

    /** Answers {@code {"run":n}} on its n-th run, so a replay is told from a rerun. */
    private static final class CountingOperation implements Supplier<RecordedAnswer> {
        private final DirectUnitOfWork unitOfWork;
        int runs;
        boolean ranInsideATransaction = true;

        CountingOperation(DirectUnitOfWork unitOfWork) {
            this.unitOfWork = unitOfWork;
        }

        @Override
        public RecordedAnswer get() {
            runs++;
            if (unitOfWork != null && !unitOfWork.isOpen()) {
                ranInsideATransaction = false;
            }
            return response(runs);
        }
    }
}
