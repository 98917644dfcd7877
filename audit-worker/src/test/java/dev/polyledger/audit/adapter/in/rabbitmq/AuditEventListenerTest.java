package dev.polyledger.audit.adapter.in.rabbitmq;

import dev.polyledger.platform.testing.Events;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import dev.polyledger.audit.application.port.in.RecordEventUseCase;
import dev.polyledger.audit.application.port.in.RecordOutcome;
import dev.polyledger.audit.application.port.out.AuditStoreUnavailableException;
import dev.polyledger.events.EventEnvelope;
import dev.polyledger.events.LedgerTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.rabbitmq.bind.RabbitAcknowledgement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The acknowledgement policy of the consumer, with a fake use case, acknowledgement and pause. */
class AuditEventListenerTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Duration> pauses = new ArrayList<>();
    private final RecordingAck ack = new RecordingAck();
    private final byte[] valid = Events.transferPosted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
            UUID.randomUUID(), Instant.parse("2026-11-21T19:55:37Z")).getBytes(StandardCharsets.UTF_8);

    private AuditEventListener listener(Function<EventEnvelope<Map<String, Object>>, RecordOutcome> useCase) {
        RecordEventUseCase recordEvent = useCase::apply;
        return new AuditEventListener(recordEvent, meters,
                new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30)), pauses::add);
    }

    private static AMQP.BasicProperties deliveredBefore(Long times) {
        return new AMQP.BasicProperties.Builder().messageId("m-1")
                .headers(times == null ? null : Map.of(AuditEventListener.DELIVERY_COUNT, times)).build();
    }

    private static Envelope delivery() {
        return new Envelope(1, false, LedgerTopology.EXCHANGE, "transfer.posted");
    }

    private double count(String outcome) {
        return meters.get("audit.events").tag("outcome", outcome).counter().count();
    }

    @Test
    void acknowledgesAfterStoring() {
        listener(e -> new RecordOutcome.Stored(e.eventId())).receive(valid, delivery(), deliveredBefore(null), ack);

        assertThat(ack.calls).containsExactly("ack");
        assertThat(count("stored")).isEqualTo(1);
    }

    @Test
    void acknowledgesARedeliveredEventWithoutStoringItAgain() {
        listener(e -> new RecordOutcome.AlreadyStored(e.eventId())).receive(valid, delivery(), deliveredBefore(1L), ack);

        assertThat(ack.calls).containsExactly("ack");
        assertThat(count("duplicate")).isEqualTo(1);
    }

    @Test
    void deadLettersAMalformedMessageAtOnceWithoutCallingTheUseCase() {
        listener(e -> {
            throw new AssertionError("must not be called");
        }).receive("not json".getBytes(StandardCharsets.UTF_8), delivery(), deliveredBefore(null), ack);

        assertThat(ack.calls).containsExactly("nack requeue=false");
        assertThat(pauses).isEmpty();
        assertThat(count("dead_lettered")).isEqualTo(1);
    }

    @Test
    void deadLettersAnEventTheUseCaseRejects() {
        listener(e -> new RecordOutcome.Rejected("unknown event type")).receive(valid, delivery(), deliveredBefore(null), ack);

        assertThat(ack.calls).containsExactly("nack requeue=false");
        assertThat(pauses).isEmpty();
    }

    @Test
    void requeuesAfterABackOffWhenTheStoreIsDown() {
        listener(e -> {
            throw new AuditStoreUnavailableException("no server", null);
        }).receive(valid, delivery(), deliveredBefore(null), ack);

        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
        assertThat(ack.calls).containsExactly("nack requeue=true");
        assertThat(count("requeued")).isEqualTo(1);
    }

    @Test
    void backsOffLongerForAMessageThatFailedBefore() {
        var failing = listener(e -> {
            throw new IllegalStateException("bug");
        });

        failing.receive(valid, delivery(), deliveredBefore(3L), ack);
        failing.receive(valid, delivery(), deliveredBefore(8L), ack);

        assertThat(pauses).containsExactly(Duration.ofSeconds(8), Duration.ofSeconds(30));
        assertThat(ack.calls).containsExactly("nack requeue=true", "nack requeue=true");
    }

    @Test
    void deadLettersAtOnceOnTheLastAllowedDelivery() {
        listener(e -> {
            throw new AuditStoreUnavailableException("no server", null);
        }).receive(valid, delivery(), deliveredBefore((long) LedgerTopology.DELIVERY_LIMIT - 1), ack);

        assertThat(pauses).isEmpty();
        assertThat(ack.calls).containsExactly("nack requeue=false");
        assertThat(count("dead_lettered")).isEqualTo(1);
    }

    @Test
    void readsTheDeliveryCountWhateverItsNumberType() {
        var integerCount = new AMQP.BasicProperties.Builder()
                .headers(Map.of(AuditEventListener.DELIVERY_COUNT, 2)).build();

        assertThat(AuditEventListener.earlierDeliveries(integerCount)).isEqualTo(2);
        assertThat(AuditEventListener.earlierDeliveries(deliveredBefore(null))).isZero();
        assertThat(AuditEventListener.earlierDeliveries(null)).isZero();
    }

    @Test
    void backOffDoublesUpToItsBound() {
        var backoff = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

        assertThat(List.of(0L, 1L, 2L, 4L, 5L, 1000L).stream().map(backoff::after).toList()).containsExactly(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(16),
                Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    /** Records what the listener told the broker. */
    static final class RecordingAck implements RabbitAcknowledgement {
        final List<String> calls = new ArrayList<>();

        @Override
        public void ack(boolean multiple) {
            calls.add(multiple ? "ack multiple" : "ack");
        }

        @Override
        public void nack(boolean multiple, boolean requeue) {
            calls.add((multiple ? "nack multiple" : "nack") + " requeue=" + requeue);
        }
    }
}
