package dev.polyledger.ledger.adapter.in.web;

import static dev.polyledger.ledger.testing.LedgerClient.transferBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.ledger.testing.FreshDatabase;
import dev.polyledger.ledger.testing.LedgerClient;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A replay is answered from the idempotency cache on the event loop ({@link IdempotentReplayFilter}): it needs no
 * thread of the blocking pool, so it is answered while every one of them is busy, whereas a first request (the
 * positive control) waits for one. Its answer is the route's own replay, and a different body under the key is still
 * refused by the route.
 */
@ExtendWith(FreshDatabase.class)
@MicronautTest(transactional = false)
@Property(name = "micronaut.executors.blocking.number-of-threads", value = "3")
class ReplayOnEventLoopIT {
    private static final int BLOCKING_THREADS = 3;

    @Inject
    EmbeddedServer server;
    @Inject
    @Named(TaskExecutors.BLOCKING)
    ExecutorService blocking;
    LedgerClient api;
    final CountDownLatch release = new CountDownLatch(1);
    final ExecutorService clients = Executors.newCachedThreadPool();

    @BeforeEach
    void client() {
        api = new LedgerClient(server.getURL().toString());
    }

    @AfterEach
    void releaseThePool() {
        release.countDown();
        clients.shutdownNow();
    }

    @Test
    void aReplayIsAnsweredWhileEveryBlockingThreadIsBusyAndAFirstRequestWaitsForOne() throws Exception {
        String alice = api.openAccount("USD");
        String bob = api.openAccount("USD");
        api.credit(alice, "100");
        String key = UUID.randomUUID().toString();
        String body = transferBody(alice, bob, "1.25", "USD");
        var first = api.post("/api/v1/transfers", body, key);
        assertThat(first.status()).isEqualTo(201);

        occupyEveryBlockingThread();
        var fresh = CompletableFuture.supplyAsync(
                () -> api.post("/api/v1/transfers", transferBody(alice, bob, "2.00", "USD")), clients);
        var replay = CompletableFuture.supplyAsync(() -> api.post("/api/v1/transfers", body, key), clients)
                .get(30, TimeUnit.SECONDS);

        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header(IdempotentEndpoint.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(replay.raw().body()).isEqualTo(first.raw().body());
        assertThat(fresh).as("control: a first request needs a blocking thread, and none is free").isNotDone();
        release.countDown();
        assertThat(fresh.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
    }

    @Test
    void aRecordedRefusalIsReplayedWithItsStatusAndAnotherBodyUnderTheKeyIsStillRefusedAsReused() throws Exception {
        String alice = api.openAccount("USD");
        String bob = api.openAccount("USD");
        String key = UUID.randomUUID().toString();
        String body = transferBody(alice, bob, "9.00", "USD");
        assertThat(api.post("/api/v1/transfers", body, key).code()).isEqualTo("INSUFFICIENT_FUNDS");

        occupyEveryBlockingThread();
        var replay = CompletableFuture.supplyAsync(() -> api.post("/api/v1/transfers", body, key), clients)
                .get(30, TimeUnit.SECONDS);
        var reused = CompletableFuture.supplyAsync(
                () -> api.post("/api/v1/transfers", transferBody(alice, bob, "8.00", "USD"), key), clients);

        assertThat(replay.status()).isEqualTo(422);
        assertThat(replay.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(replay.header(IdempotentEndpoint.REPLAYED_HEADER)).isEqualTo("true");
        release.countDown();
        assertThat(reused.get(30, TimeUnit.SECONDS).code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void aStatusChangeIsReplayedWithTheRoutesStatus() throws Exception {
        String account = api.openAccount("USD");
        String key = UUID.randomUUID().toString();
        var first = api.post("/api/v1/accounts/" + account + "/freeze", null, key);
        assertThat(first.status()).isEqualTo(200);

        occupyEveryBlockingThread();
        var replay = CompletableFuture.supplyAsync(
                () -> api.post("/api/v1/accounts/" + account + "/freeze", null, key), clients).get(30, TimeUnit.SECONDS);

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.header(IdempotentEndpoint.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(replay.raw().body()).isEqualTo(first.raw().body());
    }

    private void occupyEveryBlockingThread() throws InterruptedException {
        var started = new CountDownLatch(BLOCKING_THREADS);
        for (int i = 0; i < BLOCKING_THREADS; i++) {
            blocking.execute(() -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertThat(started.await(30, TimeUnit.SECONDS)).as("every blocking thread is taken").isTrue();
    }
}
