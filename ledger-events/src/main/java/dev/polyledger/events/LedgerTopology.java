package dev.polyledger.events;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.Map;

/**
 * The RabbitMQ topology shared by the producer and the consumers (api-contract.md, "Events"), declared
 * idempotently by every service at start (declaring what exists with the same arguments is a no-op):
 * <pre>
 *   ledger.events (topic, durable) --#--> audit          (quorum, durable) --dead-letter--> ledger.events.dlx --audit-->         audit.dead-letter
 *                                  --#--> notifications  (quorum, durable) --dead-letter--> ledger.events.dlx --notifications--> notifications.dead-letter
 * </pre>
 * The consumer queues are quorum queues with a delivery limit: a message that keeps failing (its consumer
 * nacks it with requeue) is dead-lettered by the broker once it has been returned {@link #DELIVERY_LIMIT}
 * times (RabbitMQ 3.10 dead-letters on what would be delivery {@code DELIVERY_LIMIT + 1}; consumers may give
 * up earlier themselves) instead of blocking the queue; a consumer dead-letters a malformed message at once
 * by rejecting it without requeue.
 */
public final class LedgerTopology {
    /** Durable topic exchange every committed change is published to; routing key = event type. */
    public static final String EXCHANGE = "ledger.events";
    /** Direct exchange receiving what a consumer queue dead-letters; routing key = the queue's name. */
    public static final String DEAD_LETTER_EXCHANGE = "ledger.events.dlx";
    /** The audit-worker's queue. */
    public static final String AUDIT_QUEUE = "audit";
    /** The notification-worker's queue. */
    public static final String NOTIFICATIONS_QUEUE = "notifications";
    /** Returns (nack with requeue) of one message after which the broker dead-letters it. */
    public static final int DELIVERY_LIMIT = 10;

    private LedgerTopology() {
    }

    /** The dead-letter queue of a consumer queue, e.g. {@code audit.dead-letter}. */
    public static String deadLetterQueueOf(String queue) {
        return queue + ".dead-letter";
    }

    /**
     * Declares the exchanges, both consumer queues and their dead-letter queues, and the bindings.
     *
     * @throws IOException when the broker refuses (e.g. a queue exists with other arguments)
     */
    public static void declare(Channel channel) throws IOException {
        channel.exchangeDeclare(EXCHANGE, BuiltinExchangeType.TOPIC, true);
        channel.exchangeDeclare(DEAD_LETTER_EXCHANGE, BuiltinExchangeType.DIRECT, true);
        for (String queue : new String[] {AUDIT_QUEUE, NOTIFICATIONS_QUEUE}) {
            channel.queueDeclare(queue, true, false, false, Map.of(
                    "x-queue-type", "quorum",
                    "x-delivery-limit", DELIVERY_LIMIT,
                    "x-dead-letter-exchange", DEAD_LETTER_EXCHANGE,
                    "x-dead-letter-routing-key", queue));
            channel.queueBind(queue, EXCHANGE, "#");
            String deadLetters = deadLetterQueueOf(queue);
            channel.queueDeclare(deadLetters, true, false, false, Map.of("x-queue-type", "quorum"));
            channel.queueBind(deadLetters, DEAD_LETTER_EXCHANGE, queue);
        }
    }
}
