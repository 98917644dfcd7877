package dev.polyledger.audit.adapter.in.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.audit.application.port.in.RecordEventUseCase;
import dev.polyledger.audit.application.port.in.RecordOutcome;
import dev.polyledger.audit.config.AuditProperties;
import dev.polyledger.platform.testing.Events;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.validation.constraints.Max;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How deliveries are gathered into batches: size bound, waiting for more, not waiting once full. */
class AuditBatcherTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final BlockingQueue<Integer> batchSizes = new LinkedBlockingQueue<>();
    private AuditBatcher batcher;

    private AuditBatcher batcher(int size, Duration maxWait) {
        RecordEventUseCase useCase = events -> {
            batchSizes.add(events.size());
            return events.stream().map(e -> (RecordOutcome) new RecordOutcome.Stored(e.eventId())).toList();
        };
        var recorder = new BatchRecorder(useCase, meters, new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1)),
                d -> { });
        batcher = new AuditBatcher(recorder, meters, new AuditProperties.Consumer.Batch(size, maxWait));
        return batcher;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (batcher != null) {
            batcher.stop();
        }
    }

    private static Delivery delivery() {
        UUID eventId = UUID.randomUUID();
        byte[] body = Events.accountEvent("account.created", eventId, UUID.randomUUID(), 1, "ACTIVE",
                Instant.parse("2026-11-21T19:55:37Z")).getBytes(StandardCharsets.UTF_8);
        return new Delivery(body, eventId.toString(), 0, new Delivery.Settlement() {
            @Override
            public Object channel() {
                return "c";
            }

            @Override
            public long tag() {
                return 1;
            }

            @Override
            public void ack(boolean multiple) {
            }

            @Override
            public void nack(boolean multiple, boolean requeue) {
            }
        });
    }

    private Integer nextBatch(long seconds) throws InterruptedException {
        return batchSizes.poll(seconds, TimeUnit.SECONDS);
    }

    @Test
    void takesEveryWaitingDeliveryUpToTheBatchSize() throws InterruptedException {
        var batcher = batcher(3, Duration.ZERO);
        for (int i = 0; i < 7; i++) {
            batcher.add(delivery());
        }

        batcher.start();

        assertThat(List.of(nextBatch(5), nextBatch(5), nextBatch(5))).containsExactly(3, 3, 1);
        assertThat(meters.get("audit.batch.size").summary().count()).isEqualTo(3);
    }

    @Test
    void waitsForMoreAfterTheFirstDeliveryArrived() throws InterruptedException {
        var batcher = batcher(100, Duration.ofMillis(500));
        batcher.start();

        batcher.add(delivery());
        Thread.sleep(50);
        batcher.add(delivery());
        batcher.add(delivery());

        assertThat(nextBatch(5)).isEqualTo(3);
    }

    @Test
    void doesNotWaitOnceTheBatchIsFull() throws InterruptedException {
        var batcher = batcher(2, Duration.ofSeconds(10));
        batcher.start();

        batcher.add(delivery());
        batcher.add(delivery());

        assertThat(nextBatch(3)).as("written long before the 10 s wait is over").isEqualTo(2);
    }

    @Test
    void theLargestBatchSizeAllowedIsTheConsumersPrefetch() throws NoSuchMethodException {
        Max largest = AuditProperties.Consumer.Batch.class.getMethod("size").getAnnotation(Max.class);

        assertThat(largest.value()).as("a larger batch could never fill")
                .isEqualTo(AuditEventListener.PREFETCH);
    }

    @Test
    void refusesABatchWaitOutsideZeroToTenSeconds() {
        assertThatThrownBy(() -> new AuditProperties.Consumer.Batch(10, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AUDIT_BATCH_WAIT");
        assertThatThrownBy(() -> new AuditProperties.Consumer.Batch(10, Duration.ofSeconds(11)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AUDIT_BATCH_WAIT");
        assertThat(new AuditProperties.Consumer.Batch(10, Duration.ofSeconds(10)).maxWait())
                .isEqualTo(Duration.ofSeconds(10));
    }
}
