package dev.polyledger.audit.adapter.in.rabbitmq;

/**
 * A message taken from the {@code audit} queue and not settled with the broker yet.
 *
 * @param body              the message body (the JSON envelope as published)
 * @param messageId         the AMQP {@code message-id} (the event id, as the relay publishes it), or null; for logs
 * @param earlierDeliveries deliveries of this message before this one (RabbitMQ's {@code x-delivery-count}), >= 0
 * @param settlement        how it is acknowledged or rejected
 */
record Delivery(byte[] body, String messageId, long earlierDeliveries, Settlement settlement) {

    /**
     * How a delivery is settled: AMQP {@code basic.ack} / {@code basic.nack} on the channel it came on. Delivery
     * tags increase with every delivery of a channel, and {@code multiple} settles the given delivery and every
     * earlier unsettled one of the same channel at once.
     */
    interface Settlement {
        /** The channel the delivery came on; deliveries with equal channels may be settled together. */
        Object channel();

        /** The delivery tag, increasing per channel. */
        long tag();

        /** Acknowledges: the broker forgets the message. */
        void ack(boolean multiple);

        /** Rejects: back into the queue ({@code requeue}), or dead-lettered by the broker (not {@code requeue}). */
        void nack(boolean multiple, boolean requeue);
    }
}
