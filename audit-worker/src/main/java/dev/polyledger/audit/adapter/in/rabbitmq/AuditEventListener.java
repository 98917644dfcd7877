package dev.polyledger.audit.adapter.in.rabbitmq;

import com.rabbitmq.client.BasicProperties;
import com.rabbitmq.client.Envelope;
import dev.polyledger.audit.application.port.in.RecordEventUseCase;
import dev.polyledger.audit.application.port.in.RecordOutcome;
import dev.polyledger.events.LedgerTopology;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.rabbitmq.annotation.Queue;
import io.micronaut.rabbitmq.annotation.RabbitListener;
import io.micronaut.rabbitmq.bind.RabbitAcknowledgement;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the {@code audit} queue into snapshots, acknowledging each message by hand:
 * <ul>
 *   <li>stored, or stored before (a redelivery: deduplicated on {@code eventId}) → ack, after the write;</li>
 *   <li>malformed (not the envelope, unknown type, data that does not fit) or refused by the store for its
 *       content → nack without requeue at once: the broker dead-letters it to {@code audit.dead-letter} and the
 *       messages behind it go on;</li>
 *   <li>store unreachable or any other failure → hold it for {@link RetryBackoff} (doubling per earlier delivery,
 *       bounded), then nack with requeue; on its {@link LedgerTopology#DELIVERY_LIMIT}th delivery (RabbitMQ's
 *       {@code x-delivery-count} header counts the earlier ones) nack without requeue at once, so it is
 *       dead-lettered after exactly that many deliveries. The queue's own {@code x-delivery-limit} is the backstop
 *       (RabbitMQ 3.10 dead-letters a message returned more than that many times).</li>
 * </ul>
 * Nothing escapes this method: an exception would leave the message unacknowledged until the channel closes.
 *
 * <p>Metric {@code audit.events} (Prometheus {@code audit_events_total}) counts the outcomes by tag
 * {@code outcome}: {@code stored}, {@code duplicate}, {@code dead_lettered}, {@code requeued}.
 */
@RabbitListener
class AuditEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(AuditEventListener.class);
    static final String DELIVERY_COUNT = "x-delivery-count";

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

    @Inject
    AuditEventListener(RecordEventUseCase recordEvent, MeterRegistry meters,
                       @Value("${audit.consumer.retry.initial-backoff:1s}") Duration initialBackoff,
                       @Value("${audit.consumer.retry.max-backoff:30s}") Duration maxBackoff) {
        this(recordEvent, meters, new RetryBackoff(initialBackoff, maxBackoff), d -> Thread.sleep(d.toMillis()));
    }

    AuditEventListener(RecordEventUseCase recordEvent, MeterRegistry meters, RetryBackoff backoff, Pause pause) {
        this.recordEvent = recordEvent;
        this.backoff = backoff;
        this.pause = pause;
        this.stored = outcome(meters, "stored");
        this.duplicates = outcome(meters, "duplicate");
        this.deadLettered = outcome(meters, "dead_lettered");
        this.requeued = outcome(meters, "requeued");
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("audit.events").tag("outcome", outcome)
                .description("ledger events taken from the audit queue, by outcome").register(meters);
    }

    @Queue(value = LedgerTopology.AUDIT_QUEUE, prefetch = 16, numberOfConsumers = "${audit.consumer.count:2}")
    void receive(byte[] body, Envelope delivery, BasicProperties properties, RabbitAcknowledgement ack) {
        long earlierDeliveries = earlierDeliveries(properties);
        EnvelopeReader.Result read = reader.read(body);
        if (read instanceof EnvelopeReader.Malformed malformed) {
            deadLetter(ack, properties, malformed.reason());
            return;
        }
        var event = ((EnvelopeReader.Envelope) read).event();
        RecordOutcome outcome;
        try {
            outcome = recordEvent.record(event);
        } catch (RuntimeException e) {
            requeueLater(ack, event.eventId().toString(), earlierDeliveries, e);
            return;
        }
        if (outcome instanceof RecordOutcome.Stored) {
            ack.ack(false);
            stored.increment();
        } else if (outcome instanceof RecordOutcome.AlreadyStored) {
            ack.ack(false);
            duplicates.increment();
            LOG.debug("event {} already recorded (redelivered: {})", event.eventId(), delivery.isRedeliver());
        } else if (outcome instanceof RecordOutcome.Rejected rejected) {
            deadLetter(ack, properties, rejected.reason());
        }
    }

    private void deadLetter(RabbitAcknowledgement ack, BasicProperties properties, String reason) {
        ack.nack(false, false);
        deadLettered.increment();
        LOG.warn("dead-lettered message {} to {}: {}", properties == null ? null : properties.getMessageId(),
                LedgerTopology.deadLetterQueueOf(LedgerTopology.AUDIT_QUEUE), reason);
    }

    private void requeueLater(RabbitAcknowledgement ack, String eventId, long earlierDeliveries, RuntimeException failure) {
        long delivery = earlierDeliveries + 1;
        if (delivery >= LedgerTopology.DELIVERY_LIMIT) {
            ack.nack(false, false);
            deadLettered.increment();
            LOG.error("event {} not recorded after {} deliveries, dead-lettered to {}: {}", eventId, delivery,
                    LedgerTopology.deadLetterQueueOf(LedgerTopology.AUDIT_QUEUE), failure.toString());
            return;
        }
        Duration wait = backoff.after(earlierDeliveries);
        LOG.warn("event {} not recorded (delivery {} of {}), requeued in {} ms: {}",
                eventId, delivery, LedgerTopology.DELIVERY_LIMIT, wait.toMillis(), failure.toString());
        try {
            pause.pause(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                ack.nack(false, true);
                requeued.increment();
            } catch (RuntimeException e) {
                LOG.warn("could not requeue event {} (the broker redelivers it when the channel closes): {}",
                        eventId, e.toString());
            }
        }
    }

    /** RabbitMQ's count of earlier deliveries of this message (set by quorum queues on redelivery), else 0. */
    static long earlierDeliveries(BasicProperties properties) {
        Map<String, Object> headers = properties == null ? null : properties.getHeaders();
        Object count = headers == null ? null : headers.get(DELIVERY_COUNT);
        return count instanceof Number n ? n.longValue() : 0;
    }
}
