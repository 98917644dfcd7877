package dev.polyledger.ledger.adapter.in.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.ledger.testing.FreshDatabase;
import dev.polyledger.ledger.testing.LedgerClient;
import dev.polyledger.ledger.testing.LedgerInvariants;
import dev.polyledger.ledger.testing.TestDatabase;
import dev.polyledger.ledger.testing.TestVhost;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The relay of one node wakes when a transaction of that node that appended events commits, not on a poll: the
 * safety poll is set to ten minutes, so within these tests only a commit can make it publish (and delete) events.
 */
@ExtendWith(FreshDatabase.class)
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxWakeupIT implements TestPropertyProvider {
    private static final Duration WITHIN = Duration.ofSeconds(10);
    @Inject
    MeterRegistry meters;
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "ledger.outbox.relay-enabled", "true",
                "ledger.background-jobs.enabled", "true",
                "ledger.outbox.safety-poll", "10m",
                "ledger.rabbitmq.uri", TestVhost.uri());
    }

    @Test
    void aCommitThatAppendsEventsWakesTheRelay() throws Exception {
        double wokenBefore = meters.counter("ledger.outbox.wakeups", "cause", "commit").count();

        String account = new LedgerClient(server.getURL().toString()).openAccount("USD");

        awaitGone("aggregate_id = '" + account + "'");
        assertThat(meters.counter("ledger.outbox.wakeups", "cause", "commit").count()).isGreaterThan(wokenBefore);
        assertThat(meters.counter("ledger.outbox.wakeups", "cause", "poll").count()).as("no safety poll ran").isZero();
    }

    @Test
    void anEventNoCommitOfThisNodeAnnouncedWaitsForTheNextOne() throws Exception {
        var api = new LedgerClient(server.getURL().toString());
        awaitGone("aggregate_id = '" + api.openAccount("USD") + "'"); // the relay is up: no start-up drain follows

        UUID foreign = appendAsAnotherNode();
        Thread.sleep(1_500);
        assertThat(LedgerInvariants.count("SELECT count(*) FROM outbox WHERE event_id = '" + foreign + "'"))
                .as("nothing announced it, no poll within ten minutes: the event waits").isEqualTo(1);

        // Positive control: the next commit of this node wakes the relay, which publishes that event too.
        String account = api.openAccount("USD");
        awaitGone("event_id = '" + foreign + "' OR aggregate_id = '" + account + "'");
    }

    /** An event committed by a plain connection, as another node's transaction would be. */
    private static UUID appendAsAnotherNode() throws SQLException {
        UUID eventId = UUID.randomUUID();
        try (var conn = TestDatabase.connect(); var st = conn.createStatement()) {
            st.executeUpdate("INSERT INTO outbox (tenant_id, event_id, event_type, aggregate_type, aggregate_id, sequence, "
                    + "occurred_at, payload) VALUES ('default', '" + eventId + "', 'account.frozen', 'ACCOUNT', '"
                    + UUID.randomUUID() + "', 1, now(), '{}')");
        }
        return eventId;
    }

    private static void awaitGone(String condition) throws Exception {
        String query = "SELECT count(*) FROM outbox WHERE " + condition;
        Instant deadline = Instant.now().plus(WITHIN);
        long count;
        while ((count = LedgerInvariants.count(query)) > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(count).as("events where %s published (and deleted) within %s", condition, WITHIN).isZero();
    }
}
