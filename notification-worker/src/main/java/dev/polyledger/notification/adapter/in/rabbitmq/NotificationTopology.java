package dev.polyledger.notification.adapter.in.rabbitmq;

import com.rabbitmq.client.Channel;
import dev.polyledger.events.LedgerTopology;
import io.micronaut.rabbitmq.connect.ChannelInitializer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Declares the shared topology ({@link LedgerTopology#declare}: {@code ledger.events}, the {@code notifications}
 * quorum queue with its delivery limit and dead-letter queue) before the listener subscribes. Idempotent.
 */
@Singleton
class NotificationTopology extends ChannelInitializer {
    @Override
    public void initialize(Channel channel, String name) throws IOException {
        LedgerTopology.declare(channel);
    }
}
