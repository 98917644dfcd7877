package dev.polyledger.audit.adapter.in.rabbitmq;

import com.rabbitmq.client.BasicProperties;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Envelope;
import dev.polyledger.events.LedgerTopology;
import io.micronaut.rabbitmq.annotation.Queue;
import io.micronaut.rabbitmq.annotation.RabbitListener;
import io.micronaut.rabbitmq.bind.RabbitAcknowledgement;
import java.util.Map;

/**
 * Consumes the {@code audit} queue into snapshots, acknowledging each message by hand. The rules, per message,
 * whether it is recorded alone or in a batch with others ({@link AuditBatcher}, {@link BatchRecorder}):
 * <ul>
 *   <li>stored, or stored before (a redelivery, or the same event twice in one batch: deduplicated on
 *       {@code eventId}) → ack, after the write;</li>
 *   <li>malformed (not the envelope, unknown type, data that does not fit) or refused by the store for its
 *       content → nack without requeue at once: the broker dead-letters it to {@code audit.dead-letter} and the
 *       other messages, of its batch and behind it, go on;</li>
 *   <li>store unavailable ({@code AuditStoreUnavailableException}: no server, timeouts, failover) → not the
 *       message's fault: the batch is held unsettled and written again after {@link RetryBackoff} (by attempt,
 *       bounded) until the store answers, then settled as above. No delivery is spent, so no valid event is
 *       dead-lettered by an outage however long; the writer is blocked meanwhile, so the consumers stop at their
 *       prefetch and the rest waits in the queue. (An outage longer than RabbitMQ's {@code consumer_timeout},
 *       30 min by default, makes the broker close the channel and redeliver the held messages: one delivery
 *       spent per 30 min, and the redelivery is deduplicated on {@code eventId}.)</li>
 *   <li>any other failure of the write → the messages of the write are held for
 *       {@link RetryBackoff} (doubling per earlier delivery, bounded; a batch waits as long as its most-delivered
 *       message), then nacked with requeue, nothing lost; a message on its {@link LedgerTopology#DELIVERY_LIMIT}th
 *       delivery (RabbitMQ's {@code x-delivery-count} header counts the earlier ones) is nacked without requeue at
 *       once, so it is dead-lettered after exactly that many deliveries. The queue's own {@code x-delivery-limit}
 *       is the backstop (RabbitMQ 3.10 dead-letters a message returned more than that many times).</li>
 * </ul>
 * Order is not kept (the contract asks none of the audit trail: snapshots are queried by {@code occurredAt}).
 * The receiving thread only hands the message over: at most {@value #PREFETCH} messages per consumer are
 * unacknowledged at a time (the broker's prefetch), {@code audit.consumer.count} consumers (env
 * {@code AUDIT_CONSUMERS}, default 1), all feeding one writer.
 */
@RabbitListener
class AuditEventListener {
    static final String DELIVERY_COUNT = "x-delivery-count";
    /** Unacknowledged messages per consumer: room for one batch being written and the next one gathering. */
    static final int PREFETCH = 250;

    private final AuditBatcher batcher;

    AuditEventListener(AuditBatcher batcher) {
        this.batcher = batcher;
    }

    /** The {@link RabbitAcknowledgement} parameter tells micronaut-rabbitmq that this class settles the message. */
    @Queue(value = LedgerTopology.AUDIT_QUEUE, prefetch = PREFETCH, numberOfConsumers = "${audit.consumer.count:1}")
    void receive(byte[] body, Envelope envelope, BasicProperties properties, Channel channel,
                 RabbitAcknowledgement acknowledgement) {
        batcher.add(new Delivery(body, properties == null ? null : properties.getMessageId(),
                earlierDeliveries(properties),
                new RabbitSettlement(channel, envelope.getDeliveryTag(), acknowledgement)));
    }

    /** RabbitMQ's count of earlier deliveries of this message (set by quorum queues on redelivery), else 0. */
    static long earlierDeliveries(BasicProperties properties) {
        Map<String, Object> headers = properties == null ? null : properties.getHeaders();
        Object count = headers == null ? null : headers.get(DELIVERY_COUNT);
        return count instanceof Number n ? n.longValue() : 0;
    }
}
