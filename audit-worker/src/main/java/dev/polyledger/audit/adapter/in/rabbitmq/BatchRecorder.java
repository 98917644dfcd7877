package dev.polyledger.audit.adapter.in.rabbitmq;

import dev.polyledger.audit.application.port.in.RecordEventUseCase;
import dev.polyledger.audit.application.port.in.RecordOutcome;
import dev.polyledger.audit.application.port.out.AuditStoreUnavailableException;
import dev.polyledger.audit.config.AuditProperties;
import dev.polyledger.events.EnvelopeReader;
import dev.polyledger.events.EventEnvelope;
import dev.polyledger.events.LedgerTopology;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a batch of deliveries of the {@code audit} queue in one write and settles every delivery of it with the
 * broker, each by the rules of {@link AuditEventListener} (malformed or refused → dead-lettered at once; stored or
 * stored before → acknowledged after the write; store unavailable → the batch is held, unsettled, and written again
 * after the back-off until the store answers, spending no delivery; any other failure of the write → held for the
 * back-off, then requeued, or dead-lettered on its last allowed delivery).
 *
 * <p>Settling order, which makes the AMQP {@code multiple} flag safe: every dead-letter first, one delivery at a
 * time; then the acknowledgements, one {@code basic.ack multiple} per channel with the highest tag of the batch
 * (every earlier delivery of that channel is settled by then: earlier batches completely, this batch's others just
 * before); requeues likewise, with {@code basic.nack multiple requeue}.
 *
 * <p>A batch's back-off is that of its most-delivered message ({@link RetryBackoff}, from {@code x-delivery-count}):
 * a message never waits less than its own schedule says, so none is dead-lettered sooner than when it was handled
 * alone; newer messages in the same batch may wait longer than theirs.
 *
 * <p>Metric {@code audit.events} (Prometheus {@code audit_events_total}) counts the outcomes per message by tag
 * {@code outcome}: {@code stored}, {@code duplicate}, {@code dead_lettered}, {@code requeued}; {@code audit.store.unavailable}
 * counts the writes that found the store unavailable; {@code audit.lag} (Prometheus {@code audit_lag_seconds}, a
 * histogram) times each newly stored event from its {@code occurredAt} (commit in the ledger) to the end of its write
 * here (a redelivery, already stored, is not timed again). Runs on one thread
 * ({@link AuditBatcher}'s); nothing escapes {@link #record}.
 */
@Singleton
class BatchRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(BatchRecorder.class);

    /** Waits, interruptibly; a seam for tests. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final EnvelopeReader reader = new EnvelopeReader();
    private final RecordEventUseCase recordEvent;
    private final RetryBackoff backoff;
    private final Pause pause;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter deadLettered;
    private final Counter requeued;
    private final Counter storeUnavailable;
    private final Timer lag;
    private final Clock clock;

    @Inject
    BatchRecorder(RecordEventUseCase recordEvent, MeterRegistry meters, AuditProperties.Consumer.Retry retry,
                  Clock clock) {
        this(recordEvent, meters, new RetryBackoff(retry.initialBackoff(), retry.maxBackoff()),
                d -> Thread.sleep(d.toMillis()), clock);
    }

    BatchRecorder(RecordEventUseCase recordEvent, MeterRegistry meters, RetryBackoff backoff, Pause pause) {
        this(recordEvent, meters, backoff, pause, Clock.systemUTC());
    }

    BatchRecorder(RecordEventUseCase recordEvent, MeterRegistry meters, RetryBackoff backoff, Pause pause,
                  Clock clock) {
        this.clock = clock;
        this.lag = Timer.builder("audit.lag")
                .description("from an event's occurredAt (its commit in the ledger) to its snapshot being recorded")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(30))
                .register(meters);
        this.recordEvent = recordEvent;
        this.backoff = backoff;
        this.pause = pause;
        this.stored = outcome(meters, "stored");
        this.duplicates = outcome(meters, "duplicate");
        this.deadLettered = outcome(meters, "dead_lettered");
        this.requeued = outcome(meters, "requeued");
        this.storeUnavailable = Counter.builder("audit.store.unavailable")
                .description("batch writes that found MongoDB unavailable (the batch is held and written again)")
                .register(meters);
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("audit.events").tag("outcome", outcome)
                .description("ledger events taken from the audit queue, by outcome").register(meters);
    }

    /** Records the batch and settles each of its deliveries (see the class comment); never throws. */
    void record(List<Delivery> batch) {
        List<Delivery> readable = new ArrayList<>(batch.size());
        List<EventEnvelope<Map<String, Object>>> events = new ArrayList<>(batch.size());
        for (Delivery delivery : batch) {
            EnvelopeReader.Result read = reader.read(delivery.body());
            if (read instanceof EnvelopeReader.Malformed malformed) {
                deadLetter(delivery, malformed.reason());
            } else {
                readable.add(delivery);
                events.add(((EnvelopeReader.Envelope) read).event());
            }
        }
        if (readable.isEmpty()) {
            return;
        }
        List<RecordOutcome> outcomes;
        try {
            outcomes = recordUntilTheStoreAnswers(events);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("stopped while MongoDB was unavailable: {} events left unsettled, the broker redelivers them",
                    readable.size());
            return;
        } catch (RuntimeException e) {
            requeueLater(readable, e);
            return;
        }
        List<Delivery> recorded = new ArrayList<>(readable.size());
        Instant recordedAt = clock.instant();
        for (int i = 0; i < readable.size(); i++) {
            RecordOutcome outcome = outcomes.get(i);
            Delivery delivery = readable.get(i);
            if (outcome instanceof RecordOutcome.Rejected rejected) {
                deadLetter(delivery, rejected.reason());
                continue;
            }
            recorded.add(delivery);
            if (outcome instanceof RecordOutcome.Stored) {
                stored.increment();
                Duration since = Duration.between(events.get(i).occurredAt(), recordedAt);
                lag.record(since.isNegative() ? Duration.ZERO : since);   // clocks of two machines
            } else {
                duplicates.increment();
                LOG.debug("event {} already recorded (delivery {})", delivery.messageId(),
                        delivery.earlierDeliveries() + 1);
            }
        }
        settleTogether(recorded, settlement -> settlement.ack(true));
    }

    /**
     * Writes the batch, and while the store is unavailable ({@link AuditStoreUnavailableException}) waits
     * ({@link RetryBackoff}, by attempt) and writes it again, holding its deliveries unsettled: an outage of the
     * worker's own store is not the messages' fault, so it spends none of their deliveries (issue 14: a 10-minute
     * outage used to dead-letter valid events). The writer thread is blocked meanwhile, so the consumers stop at
     * their prefetch and the broker keeps the rest. Any other failure is thrown, and spends a delivery.
     *
     * @throws InterruptedException when the worker stops during a wait; the batch is then left unsettled
     */
    private List<RecordOutcome> recordUntilTheStoreAnswers(List<EventEnvelope<Map<String, Object>>> events)
            throws InterruptedException {
        for (long attempt = 0; ; attempt++) {
            try {
                List<RecordOutcome> outcomes = recordEvent.recordAll(events);
                if (attempt > 0) {
                    LOG.info("MongoDB answers again: {} held events recorded after {} attempts", events.size(),
                            attempt + 1);
                }
                return outcomes;
            } catch (AuditStoreUnavailableException e) {
                storeUnavailable.increment();
                Duration wait = backoff.after(attempt);
                LOG.warn("MongoDB unavailable: {} events held (not requeued, no delivery spent), attempt {}, next in "
                        + "{} ms: {}", events.size(), attempt + 1, wait.toMillis(), e.toString());
                pause.pause(wait);
            }
        }
    }

    private void deadLetter(Delivery delivery, String reason) {
        settle(delivery, settlement -> settlement.nack(false, false));
        deadLettered.increment();
        LOG.warn("dead-lettered message {} to {}: {}", delivery.messageId(),
                LedgerTopology.deadLetterQueueOf(LedgerTopology.AUDIT_QUEUE), reason);
    }

    private void requeueLater(List<Delivery> deliveries, RuntimeException failure) {
        List<Delivery> retry = new ArrayList<>(deliveries.size());
        long mostEarlier = 0;
        for (Delivery delivery : deliveries) {
            long number = delivery.earlierDeliveries() + 1;
            if (number >= LedgerTopology.DELIVERY_LIMIT) {
                settle(delivery, settlement -> settlement.nack(false, false));
                deadLettered.increment();
                LOG.error("event {} not recorded after {} deliveries, dead-lettered to {}: {}", delivery.messageId(),
                        number, LedgerTopology.deadLetterQueueOf(LedgerTopology.AUDIT_QUEUE), failure.toString());
            } else {
                retry.add(delivery);
                mostEarlier = Math.max(mostEarlier, delivery.earlierDeliveries());
            }
        }
        if (retry.isEmpty()) {
            return;
        }
        Duration wait = backoff.after(mostEarlier);
        LOG.warn("{} events not recorded (first {}, up to delivery {} of {}), requeued in {} ms: {}", retry.size(),
                retry.get(0).messageId(), mostEarlier + 1, LedgerTopology.DELIVERY_LIMIT, wait.toMillis(),
                failure.toString());
        try {
            pause.pause(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            settleTogether(retry, settlement -> settlement.nack(true, true));
            requeued.increment(retry.size());
        }
    }

    /**
     * Applies a {@code multiple} settlement once per channel, to the delivery with the highest tag: this settles
     * all of them, given that every earlier delivery of each channel outside {@code deliveries} is settled already.
     */
    private static void settleTogether(List<Delivery> deliveries, Consumer<Delivery.Settlement> multiple) {
        Map<Object, Delivery> lastPerChannel = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) {
            lastPerChannel.merge(delivery.settlement().channel(), delivery,
                    (a, b) -> a.settlement().tag() >= b.settlement().tag() ? a : b);
        }
        lastPerChannel.values().forEach(last -> settle(last, multiple));
    }

    private static void settle(Delivery delivery, Consumer<Delivery.Settlement> action) {
        try {
            action.accept(delivery.settlement());
        } catch (RuntimeException e) {
            LOG.warn("could not settle message {} (the broker redelivers it when its channel closes): {}",
                    delivery.messageId(), e.toString());
        }
    }
}
