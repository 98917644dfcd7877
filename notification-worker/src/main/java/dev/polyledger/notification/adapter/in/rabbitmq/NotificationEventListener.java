package dev.polyledger.notification.adapter.in.rabbitmq;

import com.rabbitmq.client.BasicProperties;
import dev.polyledger.events.EventEnvelope;
import dev.polyledger.events.LedgerTopology;
import dev.polyledger.notification.application.port.in.ScheduleDeliveriesCommand;
import dev.polyledger.notification.application.port.in.ScheduleDeliveriesUseCase;
import dev.polyledger.notification.config.NotificationProperties;
import io.micronaut.rabbitmq.annotation.Queue;
import io.micronaut.rabbitmq.annotation.RabbitListener;
import io.micronaut.rabbitmq.bind.RabbitAcknowledgement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the {@code notifications} queue into the delivery schedule, acknowledging by hand:
 * <ul>
 *   <li>scheduled (one delivery per matching subscription, or none) → ack, only after every write succeeded;</li>
 *   <li>malformed (not JSON, no UUID {@code eventId}, no {@code type}, a {@code tenantId} that is not a non-empty
 *       string) → reject without requeue: the broker
 *       dead-letters it to {@code notifications.dead-letter};</li>
 *   <li>store failure → wait {@code notification.consumer.retry-pause} (1 s), then nack with requeue; the queue's
 *       delivery limit dead-letters a message that keeps failing. Redelivery is harmless: deliveries are keyed by
 *       {@code eventId:subscriptionId}.</li>
 * </ul>
 * An event goes to its tenant's subscriptions only; an event without {@code tenantId} (published before tenants
 * existed) is the {@value EventEnvelope#DEFAULT_TENANT} tenant's. The body is kept exactly as received: it is what
 * endpoints get and what the signature covers.
 */
@RabbitListener
class NotificationEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationEventListener.class);
    private final ScheduleDeliveriesUseCase scheduler;
    private final Duration retryPause;

    NotificationEventListener(ScheduleDeliveriesUseCase scheduler, NotificationProperties.Consumer settings) {
        this.scheduler = scheduler;
        this.retryPause = settings.retryPause();
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
            int scheduled = scheduler.schedule(new ScheduleDeliveriesCommand(eventId, type, header.tenantId(), text));
            ack.ack(false);
            LOG.debug("event {} ({}): {} deliveries scheduled", eventId, type, scheduled);
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
}
