package dev.polyledger.notification.adapter.in.rabbitmq;

import com.rabbitmq.client.BasicProperties;
import dev.polyledger.events.EventEnvelope;
import dev.polyledger.events.LedgerTopology;
import dev.polyledger.notification.application.port.in.ScheduleDeliveriesCommand;
import dev.polyledger.notification.application.port.in.ScheduleDeliveriesUseCase;
import dev.polyledger.notification.config.NotificationProperties;
import dev.polyledger.platform.mongo.MongoOutage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.rabbitmq.annotation.Queue;
import io.micronaut.rabbitmq.annotation.RabbitListener;
import io.micronaut.rabbitmq.bind.RabbitAcknowledgement;
import java.nio.charset.StandardCharsets;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the {@code notifications} queue into the delivery schedule, acknowledging by hand:
 * <ul>
 *   <li>scheduled (one delivery per matching subscription, or none) → ack, only after every write succeeded;</li>
 *   <li>malformed (not JSON, no UUID {@code eventId}, no {@code type}, a {@code tenantId} that is not a non-empty
 *       string) → reject without requeue: the broker
 *       dead-letters it to {@code notifications.dead-letter};</li>
 *   <li>store unavailable (platform-mongo's {@link MongoOutage}: no server, timeouts, failover) → not the message's
 *       fault: it is held, unsettled, and scheduled again after a pause ({@code notification.consumer.retry-pause},
 *       1 s, doubling per attempt up to {@value #MAX_OUTAGE_PAUSE_SECONDS} s) until the store answers, then acked.
 *       No delivery is spent, so an outage however long dead-letters no valid event (issue 14); the consumer is
 *       blocked meanwhile, so consumption stops at the prefetch and the rest waits in the queue. (An outage longer
 *       than RabbitMQ's {@code consumer_timeout}, 30 min by default, makes the broker close the channel and
 *       redeliver: one delivery spent per 30 min.)</li>
 *   <li>any other failure of the store → wait {@code notification.consumer.retry-pause} (1 s), then nack with
 *       requeue; the queue's delivery limit dead-letters a message that keeps failing. Redelivery is harmless:
 *       deliveries are keyed by {@code eventId:subscriptionId}.</li>
 * </ul>
 * An event goes to its tenant's subscriptions only; an event without {@code tenantId} (published before tenants
 * existed) is the {@value EventEnvelope#DEFAULT_TENANT} tenant's. The body is kept exactly as received: it is what
 * endpoints get and what the signature covers.
 */
@RabbitListener
class NotificationEventListener {
    static final long MAX_OUTAGE_PAUSE_SECONDS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(NotificationEventListener.class);
    private final ScheduleDeliveriesUseCase scheduler;
    private final Duration retryPause;
    private final Counter storeUnavailable;
    /** Counted down when the context stops: a held event stops waiting and is left to the broker. */
    private final CountDownLatch stopping = new CountDownLatch(1);

    NotificationEventListener(ScheduleDeliveriesUseCase scheduler, NotificationProperties.Consumer settings,
                              MeterRegistry meters) {
        this.scheduler = scheduler;
        this.retryPause = settings.retryPause();
        this.storeUnavailable = Counter.builder("notification.store.unavailable")
                .description("attempts to schedule an event that found MongoDB unavailable (the event is held)")
                .register(meters);
    }

    @Queue(value = LedgerTopology.NOTIFICATIONS_QUEUE, prefetch = 16,
            numberOfConsumers = "${notification.consumer.count:2}")
    void receive(byte[] body, BasicProperties properties, RabbitAcknowledgement ack) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        EventHeader header;
        try {
            header = EventHeader.read(text);
        } catch (Exception e) {
            ack.nack(false, false);
            LOG.warn("dead-lettered malformed message {} to {}: {}", properties == null ? null : properties.getMessageId(),
                    LedgerTopology.deadLetterQueueOf(LedgerTopology.NOTIFICATIONS_QUEUE), e.toString());
            return;
        }
        String eventId = header.eventId();
        String type = header.type();
        try {
            int scheduled = scheduleUntilTheStoreAnswers(new ScheduleDeliveriesCommand(eventId, type,
                    header.tenantId(), text, header.occurredAt()));
            ack.ack(false);
            LOG.debug("event {} ({}): {} deliveries scheduled", eventId, type, scheduled);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("stopped while MongoDB was unavailable: event {} left unsettled, the broker redelivers it", eventId);
        } catch (RuntimeException e) {
            LOG.warn("event {} not scheduled, requeued in {} ms: {}", eventId, retryPause.toMillis(), e.toString());
            try {
                Thread.sleep(retryPause.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    ack.nack(false, true);
                } catch (RuntimeException nackFailure) {
                    LOG.warn("could not requeue event {}: {}", eventId, nackFailure.toString());
                }
            }
        }
    }

    /**
     * Schedules the event, and while the store is unavailable waits (retry-pause doubling per attempt, at most
     * {@value #MAX_OUTAGE_PAUSE_SECONDS} s) and schedules it again: an outage spends no delivery of the message.
     *
     * @throws InterruptedException when the worker stops during a wait
     * @throws RuntimeException     any failure that is not an outage
     */
    private int scheduleUntilTheStoreAnswers(ScheduleDeliveriesCommand command) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                int scheduled = scheduler.schedule(command);
                if (attempt > 0) {
                    LOG.info("MongoDB answers again: event {} scheduled after {} attempts", command.eventId(),
                            attempt + 1);
                }
                return scheduled;
            } catch (RuntimeException e) {
                if (!MongoOutage.isOutage(e)) {
                    throw e;
                }
                storeUnavailable.increment();
                long pauseMillis = Math.min(retryPause.toMillis() << Math.min(attempt, 20),
                        MAX_OUTAGE_PAUSE_SECONDS * 1000);
                LOG.warn("MongoDB unavailable: event {} held (not requeued, no delivery spent), attempt {}, next in "
                        + "{} ms: {}", command.eventId(), attempt + 1, pauseMillis, e.toString());
                if (stopping.await(pauseMillis, TimeUnit.MILLISECONDS)) {
                    throw new InterruptedException("the worker is stopping");
                }
            }
        }
    }

    /**
     * The context is stopping: micronaut-rabbitmq waits for the messages in hand before it closes the consumers, so
     * a message held through an outage must let go (unsettled: the broker redelivers it) or the stop would wait
     * for MongoDB.
     */
    @EventListener
    void onShutdown(ShutdownEvent event) {
        stopping.countDown();
    }
}
