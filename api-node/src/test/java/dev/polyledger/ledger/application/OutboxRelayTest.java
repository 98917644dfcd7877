package dev.polyledger.ledger.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.events.EventType;
import dev.polyledger.ledger.application.port.out.OutboxBatches;
import dev.polyledger.ledger.application.port.out.PendingEvent;
import dev.polyledger.ledger.application.service.OutboxPolicy;
import dev.polyledger.ledger.application.service.OutboxRelay;
import dev.polyledger.platform.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The relay over an in-memory outbox: what leaves it, what stays, and how failures are counted. */
class OutboxRelayTest {
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private final MutableClock clock = MutableClock.at(T0);
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private boolean brokerUp = true;
    private final OutboxRelay relay = new OutboxRelay(outbox, events -> {
        if (!brokerUp) {
            throw new IllegalStateException("broker away");
        }
        return events.stream().map(PendingEvent::eventId).collect(Collectors.toSet());
    }, clock, new OutboxPolicy(2, Duration.ofMillis(200), Duration.ofSeconds(5)));

    @Test
    void publishedEventsLeaveTheOutboxInFullBatchesUntilItIsEmpty() {
        outbox.append(5);

        assertThat(relay.drain()).isEqualTo(5);
        assertThat(outbox.rows).isEmpty();
        assertThat(relay.status().published()).isEqualTo(5);
        assertThat(relay.failures()).isZero();
    }

    @Test
    void aFailedPublishIsCountedKeepsTheEventsAndBacksOff() {
        outbox.append(3);
        brokerUp = false;

        assertThat(relay.drain()).isZero();
        assertThat(relay.failures()).isEqualTo(1);
        assertThat(relay.lastError()).isEqualTo("IllegalStateException: broker away");
        assertThat(outbox.rows).hasSize(3);

        brokerUp = true;
        clock.advance(Duration.ofMillis(199));
        assertThat(relay.drain()).as("still backing off").isZero();
        assertThat(relay.failures()).as("a skipped attempt is no failure").isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        assertThat(relay.drain()).isEqualTo(3);
        assertThat(relay.lastError()).isNull();
        assertThat(relay.failures()).isEqualTo(1);
        assertThat(outbox.rows).isEmpty();
    }

    /** Claims in insertion order, deletes what the publisher confirmed, like the PostgreSQL adapter. */
    private static final class InMemoryOutbox implements OutboxBatches {
        final Map<UUID, PendingEvent> rows = new LinkedHashMap<>();

        void append(int count) {
            for (int i = 0; i < count; i++) {
                var id = UUID.randomUUID();
                rows.put(id, new PendingEvent(id, EventType.ACCOUNT_FROZEN, UUID.randomUUID(), 1, "default", null, null,
                        "test-node", T0, "{}"));
            }
        }

        @Override
        public int relay(int limit, Function<List<PendingEvent>, Set<UUID>> publish) {
            var batch = new ArrayList<>(rows.values()).subList(0, Math.min(limit, rows.size()));
            if (batch.isEmpty()) {
                return 0;
            }
            publish.apply(List.copyOf(batch)).forEach(rows::remove);
            return batch.size();
        }

        @Override
        public Backlog backlog() {
            return new Backlog(rows.size(), rows.values().stream().map(PendingEvent::occurredAt).findFirst());
        }
    }
}
