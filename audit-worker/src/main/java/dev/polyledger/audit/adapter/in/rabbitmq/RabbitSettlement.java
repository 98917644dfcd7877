package dev.polyledger.audit.adapter.in.rabbitmq;

import com.rabbitmq.client.Channel;
import io.micronaut.rabbitmq.bind.RabbitAcknowledgement;

/**
 * {@link Delivery.Settlement} through micronaut-rabbitmq's acknowledgement of the delivery (which acts on the
 * delivery's channel with its tag). The channel itself only tells which deliveries may be settled together.
 * Settling throws {@link io.micronaut.messaging.exceptions.MessageAcknowledgementException} when the channel is
 * closed; the broker then redelivers the message on its own.
 */
record RabbitSettlement(Channel channel, long tag, RabbitAcknowledgement acknowledgement)
        implements Delivery.Settlement {

    @Override
    public void ack(boolean multiple) {
        acknowledgement.ack(multiple);
    }

    @Override
    public void nack(boolean multiple, boolean requeue) {
        acknowledgement.nack(multiple, requeue);
    }
}
