package dev.polyledger.audit.adapter.in.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.audit.application.port.in.RecordEventUseCase;
import dev.polyledger.audit.application.port.in.RecordOutcome;
import dev.polyledger.audit.application.port.out.AuditStoreUnavailableException;
import dev.polyledger.events.EventEnvelope;
import dev.polyledger.events.LedgerTopology;
import dev.polyledger.platform.testing.Events;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The settlement rules of {@link AuditEventListener}'s Javadoc applied to batches, with a fake use case, fake
 * channels recording what is said to the broker, and a fake pause.
 */
class BatchRecorderTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Duration> pauses = new ArrayList<>();
    private final List<String> broker = new ArrayList<>();
    private final List<List<UUID>> written = new ArrayList<>();
    private long nextTag = 1;

    private BatchRecorder recorder(Function<EventEnvelope<Map<String, Object>>, RecordOutcome> perEvent) {
        RecordEventUseCase useCase = events -> {
            written.add(events.stream().map(EventEnvelope::eventId).toList());
            return events.stream().map(perEvent).toList();
        };
        return new BatchRecorder(useCase, meters, new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30)),
                pauses::add);
    }

    private BatchRecorder storing() {
        return recorder(e -> new RecordOutcome.Stored(e.eventId()));
    }

    private BatchRecorder failing(RuntimeException failure) {
        return recorder(e -> {
            throw failure;
        });
    }

    private Delivery event(String channel, long earlierDeliveries) {
        UUID eventId = UUID.randomUUID();
        byte[] body = Events.transferPosted(eventId, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                Instant.parse("2026-11-21T19:55:37Z")).getBytes(StandardCharsets.UTF_8);
        return delivery(channel, body, eventId.toString(), earlierDeliveries);
    }

    private Delivery event(String channel) {
        return event(channel, 0);
    }

    private Delivery poison(String channel) {
        return delivery(channel, "not json".getBytes(StandardCharsets.UTF_8), "poison", 0);
    }

    private Delivery delivery(String channel, byte[] body, String messageId, long earlierDeliveries) {
        return new Delivery(body, messageId, earlierDeliveries, new FakeSettlement(channel, nextTag++, broker));
    }

    private double count(String outcome) {
        return meters.get("audit.events").tag("outcome", outcome).counter().count();
    }

    @Test
    void acknowledgesABatchAfterItsWriteWithOneMultipleAckPerChannel() {
        var batch = List.of(event("a"), event("b"), event("a"), event("a"), event("b"));

        storing().record(batch);

        assertThat(written).hasSize(1);
        assertThat(broker).containsExactly("a: ack 4 multiple", "b: ack 5 multiple");
        assertThat(count("stored")).isEqualTo(5);
    }

    @Test
    void timesEachNewlyStoredEventFromItsOccurredAtButNotARedelivery() {
        // Events.transferPosted occurred at 2026-11-21T19:55:37Z; the write ends 2.5 s later by this clock.
        var clock = java.time.Clock.fixed(Instant.parse("2026-11-21T19:55:39.500Z"), java.time.ZoneOffset.UTC);
        var batch = List.of(event("a"), event("a"), event("a"));
        String duplicate = batch.get(2).messageId();
        RecordEventUseCase useCase = events -> events.stream().map(e -> e.eventId().toString().equals(duplicate)
                ? (RecordOutcome) new RecordOutcome.AlreadyStored(e.eventId()) : new RecordOutcome.Stored(e.eventId())).toList();

        new BatchRecorder(useCase, meters, new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30)), pauses::add,
                clock).record(batch);

        var lag = meters.get("audit.lag").timer();
        assertThat(lag.count()).isEqualTo(2);
        assertThat(lag.max(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(2500);
    }

    @Test
    void deadLettersAPoisonMessageInTheMiddleOfABatchBeforeAcknowledgingTheOthers() {
        var batch = List.of(event("a"), poison("a"), event("a"));

        storing().record(batch);

        assertThat(written).hasSize(1).first().asList().hasSize(2);
        assertThat(broker).containsExactly("a: nack 2 requeue=false", "a: ack 3 multiple");
        assertThat(count("dead_lettered")).isEqualTo(1);
        assertThat(count("stored")).isEqualTo(2);
        assertThat(pauses).isEmpty();
    }

    @Test
    void deadLettersWhatTheUseCaseRejectsAndAcknowledgesTheRest() {
        var batch = List.of(event("a"), event("a"), event("a"));
        String rejected = batch.get(1).messageId();

        recorder(e -> e.eventId().toString().equals(rejected) ? new RecordOutcome.Rejected("document too large")
                : new RecordOutcome.Stored(e.eventId())).record(batch);

        assertThat(broker).containsExactly("a: nack 2 requeue=false", "a: ack 3 multiple");
    }

    @Test
    void acknowledgesARedeliveredEventWithoutStoringItAgain() {
        var batch = List.of(event("a", 1), event("a"));
        String redelivered = batch.get(0).messageId();

        recorder(e -> e.eventId().toString().equals(redelivered) ? new RecordOutcome.AlreadyStored(e.eventId())
                : new RecordOutcome.Stored(e.eventId())).record(batch);

        assertThat(broker).containsExactly("a: ack 2 multiple");
        assertThat(count("duplicate")).isEqualTo(1);
        assertThat(count("stored")).isEqualTo(1);
    }

    @Test
    void aBatchOfPoisonOnlyIsDeadLetteredWithoutWriting() {
        storing().record(List.of(poison("a"), poison("a")));

        assertThat(written).isEmpty();
        assertThat(broker).containsExactly("a: nack 1 requeue=false", "a: nack 2 requeue=false");
    }

    @Test
    void holdsTheBatchWhileTheStoreIsUnavailableAndAcksItWhenItAnswersSpendingNoDelivery() {
        int[] failuresLeft = {6};
        var batch = List.of(event("a", LedgerTopology.DELIVERY_LIMIT - 1), event("b", 0));
        BatchRecorder.Pause countDown = d -> {
            pauses.add(d);
            failuresLeft[0]--;
        };
        var recorder = new BatchRecorder(events -> {
            written.add(events.stream().map(EventEnvelope::eventId).toList());
            if (failuresLeft[0] > 0) {
                throw new AuditStoreUnavailableException("no server", null);
            }
            return events.stream().<RecordOutcome>map(e -> new RecordOutcome.Stored(e.eventId())).toList();
        }, meters, new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30)), countDown);

        recorder.record(batch);

        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(30));
        assertThat(written).hasSize(7);
        assertThat(broker).as("even the message on its last allowed delivery is acknowledged, not dead-lettered")
                .containsExactly("a: ack 1 multiple", "b: ack 2 multiple");
        assertThat(count("requeued")).isZero();
        assertThat(count("dead_lettered")).isZero();
        assertThat(count("stored")).isEqualTo(2);
        assertThat(meters.get("audit.store.unavailable").counter().count()).isEqualTo(6);
    }

    @Test
    void aWorkerStoppedWhileTheStoreIsUnavailableLeavesTheBatchUnsettledForTheBroker() {
        var recorder = new BatchRecorder(events -> {
            throw new AuditStoreUnavailableException("no server", null);
        }, meters, new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30)), d -> {
            throw new InterruptedException("stopping");
        });

        recorder.record(List.of(event("a"), event("a")));

        assertThat(broker).isEmpty();
        assertThat(Thread.interrupted()).as("the interrupt is kept for the writer's loop").isTrue();
    }

    @Test
    void aBatchWaitsAsLongAsItsMostDeliveredMessage() {
        var batch = List.of(event("a", 0), event("a", 3), event("a", 1));

        failing(new IllegalStateException("bug")).record(batch);

        assertThat(pauses).containsExactly(Duration.ofSeconds(8));
        assertThat(broker).containsExactly("a: nack 3 multiple requeue=true");
    }

    @Test
    void deadLettersAtOnceTheMessagesOnTheirLastAllowedDeliveryAndRequeuesTheOthers() {
        var batch = List.of(event("a", 2), event("a", LedgerTopology.DELIVERY_LIMIT - 1), event("a", 0));

        failing(new IllegalStateException("a failure that is not an outage")).record(batch);

        assertThat(broker).containsExactly("a: nack 2 requeue=false", "a: nack 3 multiple requeue=true");
        assertThat(pauses).containsExactly(Duration.ofSeconds(4));
        assertThat(count("dead_lettered")).isEqualTo(1);
        assertThat(count("requeued")).isEqualTo(2);
    }

    @Test
    void noPauseWhenEveryMessageOfTheBatchIsOnItsLastDelivery() {
        failing(new IllegalStateException("a failure that is not an outage"))
                .record(List.of(event("a", LedgerTopology.DELIVERY_LIMIT - 1)));

        assertThat(pauses).isEmpty();
        assertThat(broker).containsExactly("a: nack 1 requeue=false");
    }

    @Test
    void aClosedChannelDoesNotKeepTheOtherChannelsFromBeingSettled() {
        var closed = new Delivery("{}".getBytes(StandardCharsets.UTF_8), "m", 0, new ClosedChannel(nextTag++));

        storing().record(List.of(closed, event("a")));

        assertThat(broker).containsExactly("a: ack 2 multiple");
    }

    /** Writes what the recorder tells the broker into a log, e.g. {@code "a: ack 4 multiple"}. */
    record FakeSettlement(Object channel, long tag, List<String> log) implements Delivery.Settlement {
        @Override
        public void ack(boolean multiple) {
            log.add(channel + ": ack " + tag + (multiple ? " multiple" : ""));
        }

        @Override
        public void nack(boolean multiple, boolean requeue) {
            log.add(channel + ": nack " + tag + (multiple ? " multiple" : "") + " requeue=" + requeue);
        }
    }

    /** A delivery whose channel has closed: settling it fails. */
    record ClosedChannel(long tag) implements Delivery.Settlement {
        @Override
        public Object channel() {
            return "closed";
        }

        @Override
        public void ack(boolean multiple) {
            throw new IllegalStateException("channel closed");
        }

        @Override
        public void nack(boolean multiple, boolean requeue) {
            throw new IllegalStateException("channel closed");
        }
    }
}
