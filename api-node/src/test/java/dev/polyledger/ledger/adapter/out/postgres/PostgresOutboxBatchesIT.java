package dev.polyledger.ledger.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.ledger.application.port.out.ChurnedTables;
import dev.polyledger.ledger.application.port.out.PendingEvent;
import dev.polyledger.ledger.testing.FreshDatabase;
import dev.polyledger.ledger.testing.LedgerInvariants;
import dev.polyledger.ledger.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Claiming outbox batches on the real PostgreSQL: relays on several nodes at once. */
@ExtendWith(FreshDatabase.class)
@MicronautTest(startApplication = false, transactional = false)
class PostgresOutboxBatchesIT {
    @Inject
    PostgresOutboxBatches outbox;
    @Inject
    PostgresChurnedTables tables;

    @BeforeEach
    void publishWhatOtherTestsLeft() {
        while (outbox.relay(1_000, batch -> batch.stream().map(PendingEvent::eventId).collect(Collectors.toSet())) > 0) {
            // drain
        }
    }

    @Test
    void twoRelaysClaimDisjointBatchesWithoutWaitingForEachOther() throws Exception {
        for (int i = 0; i < 10; i++) {
            insert(UUID.randomUUID(), 1);
        }
        var firstHolds = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var first = CompletableFuture.supplyAsync(() -> claimed(5, firstHolds, release));
        assertThat(firstHolds.await(5, TimeUnit.SECONDS)).isTrue();

        // While the first relay holds its batch, a second one gets the other rows at once.
        var second = CompletableFuture.supplyAsync(() -> claimed(10, null, null)).get(5, TimeUnit.SECONDS);
        release.countDown();
        var firstIds = first.get(5, TimeUnit.SECONDS);

        assertThat(firstIds).hasSize(5);
        assertThat(second).hasSize(5).doesNotContainAnyElementsOf(firstIds);
        assertThat(outbox.backlog().events()).isZero();
    }

    @Test
    void claimsOnlyTheEarliestUnpublishedEventOfAnAggregate() throws Exception {
        UUID account = UUID.randomUUID();
        UUID first = insert(account, 1);
        UUID second = insert(account, 2);

        assertThat(claimed(10, null, null)).containsExactly(first);
        assertThat(claimed(10, null, null)).containsExactly(second);
    }

    @Test
    void leavesTheBatchUnpublishedWhenPublishingFails() throws Exception {
        UUID event = insert(UUID.randomUUID(), 1);
        try {
            outbox.relay(10, batch -> {
                throw new IllegalStateException("broker away");
            });
        } catch (IllegalStateException expected) {
            // the relay reports it and backs off
        }
        assertThat(claimed(10, null, null)).containsExactly(event);
    }

    @Test
    void aPublishedEventLeavesNothingBehindOnceTheOutboxIsReclaimed() throws Exception {
        var events = new java.util.ArrayList<UUID>();
        for (int i = 0; i < 50; i++) {
            events.add(insert(UUID.randomUUID(), 1));
        }
        claimed(100, null, null);
        String rows = "SELECT count(*) FROM outbox WHERE event_id IN ('" + events.stream().map(UUID::toString)
                .collect(Collectors.joining("','")) + "')";
        assertThat(LedgerInvariants.count(rows)).as("published events are deleted, not marked").isZero();
        // Positive control: the deletes left dead tuples (the statistics reach pg_stat within about a second).
        awaitDeadTuples(n -> n >= 50, "at least the 50 deleted events");

        // Other ITs of this JVM may publish (delete) events at any moment, leaving dead tuples VACUUM has not seen yet:
        // reclaim until a VACUUM leaves none, within the deadline. Without reclaim they stay (autovacuum is off here).
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(10);
        long dead;
        do {
            tables.reclaim(ChurnedTables.Churn.OUTBOX);
            Thread.sleep(200); // the statistics reach pg_stat within about a second
            dead = LedgerInvariants.count("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'outbox'");
        } while (dead != 0 && java.time.Instant.now().isBefore(deadline));
        assertThat(dead).as("dead tuples of outbox after VACUUM").isZero();
    }

    private static void awaitDeadTuples(java.util.function.LongPredicate expected, String what) throws Exception {
        String query = "SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'outbox'";
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(10);
        long dead;
        while (!expected.test(dead = LedgerInvariants.count(query)) && java.time.Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(expected.test(dead)).as("dead tuples of outbox: %s, expected %s", dead, what).isTrue();
    }

    private Set<UUID> claimed(int limit, CountDownLatch holding, CountDownLatch release) {
        var ids = new java.util.HashSet<UUID>();
        outbox.relay(limit, batch -> {
            batch.forEach(e -> ids.add(e.eventId()));
            if (holding != null) {
                holding.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return batch.stream().map(PendingEvent::eventId).collect(Collectors.toSet());
        });
        return ids;
    }

    private static UUID insert(UUID aggregate, long sequence) throws SQLException {
        UUID eventId = UUID.randomUUID();
        try (var conn = TestDatabase.connect()) {
            conn.createStatement().executeUpdate("INSERT INTO outbox (tenant_id, event_id, event_type, aggregate_type, "
                    + "aggregate_id, sequence, occurred_at, payload) VALUES ('default', '" + eventId + "', 'account.frozen', 'ACCOUNT', '" + aggregate
                    + "', " + sequence + ", now(), '{}')");
        }
        return eventId;
    }

    @SuppressWarnings("unused")
    private static List<UUID> list(UUID... ids) {
        return List.of(ids);
    }
}
