package dev.polyledger.audit.adapter.in.rabbitmq;

import com.rabbitmq.client.Channel;
import dev.polyledger.events.LedgerTopology;
import io.micronaut.rabbitmq.connect.ChannelInitializer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Declares the shared topology ({@link LedgerTopology#declare}: the {@code ledger.events} exchange, the
 * {@code audit} quorum queue with its delivery limit and dead-letter queue) when the channel pool is created,
 * before the listener subscribes. Declaring is idempotent.
 */
@Singleton
class AuditTopology extends ChannelInitializer {
    @Override
    public void initialize(Channel channel, String name) throws IOException {
        LedgerTopology.declare(channel);
    }
}
