package dev.polyledger.ledger.adapter.in.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.ledger.testing.FreshDatabase;
import dev.polyledger.ledger.testing.LedgerInvariants;
import dev.polyledger.ledger.testing.TestDatabase;
import dev.polyledger.ledger.testing.TestVhost;
import io.micrometer.core.instrument.MeterRegistry;
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
 * The relay of one node wakes on {@code LISTEN ledger_outbox}, not on a poll: the safety poll is set to ten
 * minutes, so within these tests only a notification can make it publish (and delete) an event.
 */
@ExtendWith(FreshDatabase.class)
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxWakeupIT implements TestPropertyProvider {
    private static final Duration WITHIN = Duration.ofSeconds(10);
    @Inject
    MeterRegistry meters;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "ledger.outbox.relay-enabled", "true",
                "ledger.background-jobs.enabled", "true",
                "ledger.outbox.safety-poll", "10m",
                "ledger.rabbitmq.uri", TestVhost.uri());
    }

    @Test
    void anAppendedEventWakesTheRelayThroughTheTriggersNotification() throws Exception {
        double notifiedBefore = meters.counter("ledger.outbox.wakeups", "cause", "notify").count();

        UUID event = append(false);

        awaitGone(event);
        assertThat(meters.counter("ledger.outbox.wakeups", "cause", "notify").count()).isGreaterThan(notifiedBefore);
        assertThat(meters.counter("ledger.outbox.wakeups", "cause", "poll").count()).as("no safety poll ran").isZero();
    }

    @Test
    void anEventAppendedWithoutANotificationWaitsUntilOneComes() throws Exception {
        awaitGone(append(false)); // the relay is up and listening: what follows is not its start-up drain

        UUID silent = append(true);
        Thread.sleep(1_500);
        assertThat(LedgerInvariants.count("SELECT count(*) FROM outbox WHERE event_id = '" + silent + "'"))
                .as("no notification, no poll within ten minutes: the event waits").isEqualTo(1);

        // Positive control: the same event goes as soon as anything notifies the channel.
        try (var conn = TestDatabase.connect()) {
            conn.createStatement().execute("NOTIFY " + OutboxRelayLoop.CHANNEL);
        }
        awaitGone(silent);
    }

    /**
     * Appends an event in a transaction of its own; {@code silently}: with the session in replica mode, where
     * ordinary triggers (the notifying one) do not fire.
     */
    private static UUID append(boolean silently) throws SQLException {
        UUID eventId = UUID.randomUUID();
        try (var conn = TestDatabase.connect(); var st = conn.createStatement()) {
            if (silently) {
                st.execute("SET session_replication_role = replica");
            }
            st.executeUpdate("INSERT INTO outbox (tenant_id, event_id, event_type, aggregate_type, aggregate_id, sequence, "
                    + "occurred_at, payload) VALUES ('default', '" + eventId + "', 'account.frozen', 'ACCOUNT', '"
                    + UUID.randomUUID() + "', 1, now(), '{}')");
        }
        return eventId;
    }

    private static void awaitGone(UUID eventId) throws Exception {
        String query = "SELECT count(*) FROM outbox WHERE event_id = '" + eventId + "'";
        Instant deadline = Instant.now().plus(WITHIN);
        long count;
        while ((count = LedgerInvariants.count(query)) > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(count).as("event %s published (and deleted) within %s", eventId, WITHIN).isZero();
    }
}
