package dev.polyledger.ledger.adapter.out.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.polyledger.events.EventEnvelope;
import dev.polyledger.events.EventHeaders;
import dev.polyledger.events.LedgerTopology;
import dev.polyledger.ledger.application.port.out.EventPublisher;
import dev.polyledger.ledger.application.port.out.PendingEvent;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EventPublisher} on RabbitMQ with the official Java client: persistent messages, {@code mandatory}
 * (an unroutable message comes back instead of vanishing), publisher confirms for the whole batch. The
 * connection is opened lazily, so a node starts and serves while the broker is down; a broken channel is
 * dropped and reopened on the next batch. The topology ({@link LedgerTopology}) is declared on every new
 * connection. Used by one relay thread at a time.
 */
@Singleton
class RabbitEventPublisher implements EventPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(RabbitEventPublisher.class);
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(5);

    private final ConnectionFactory factory;
    private final JsonMapper json;
    private final Set<String> returned = ConcurrentHashMap.newKeySet();
    private Connection connection;
    private Channel channel;

    RabbitEventPublisher(ConnectionFactory factory, JsonMapper json) {
        this.json = json;
        this.factory = factory;
    }

    @Override
    public synchronized Set<UUID> publish(List<PendingEvent> events) {
        try {
            Channel ch = channel();
            returned.clear();
            for (PendingEvent event : events) {
                ch.basicPublish(LedgerTopology.EXCHANGE, event.type().routingKey(), true, properties(event), body(event));
            }
            ch.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
            Set<UUID> confirmed = new HashSet<>();
            for (PendingEvent event : events) {
                if (!returned.contains(event.eventId().toString())) {
                    confirmed.add(event.eventId());
                }
            }
            if (!returned.isEmpty()) {
                LOG.error("broker returned {} unroutable events (is the topology declared?); they stay in the outbox",
                        returned.size());
            }
            return confirmed;
        } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            reset();
            throw new IllegalStateException("publishing to RabbitMQ failed: " + e.getMessage(), e);
        }
    }

    private Channel channel() throws IOException, TimeoutException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        reset();
        connection = factory.newConnection("api-node outbox relay");
        channel = connection.createChannel();
        LedgerTopology.declare(channel);
        channel.confirmSelect();
        channel.addReturnListener(ret -> returned.add(String.valueOf(ret.getProperties().getMessageId())));
        LOG.info("outbox relay connected to RabbitMQ");
        return channel;
    }

    private AMQP.BasicProperties properties(PendingEvent event) {
        return new AMQP.BasicProperties.Builder()
                .messageId(event.eventId().toString())
                .type(event.type().routingKey())
                .contentType("application/json")
                .deliveryMode(2)
                .timestamp(java.util.Date.from(event.occurredAt()))
                .headers(Map.of(
                        EventHeaders.AGGREGATE_ID, event.aggregateId().toString(),
                        EventHeaders.SEQUENCE, event.sequence(),
                        EventHeaders.REQUEST_ID, event.requestId() == null ? "" : event.requestId()))
                .build();
    }

    private byte[] body(PendingEvent event) {
        try {
            JsonNode data = json.readValue(event.dataJson(), JsonNode.class);
            var envelope = new EventEnvelope<>(event.eventId(), event.type().routingKey(), event.occurredAt(),
                    event.aggregateId(), event.sequence(), event.requestId(), event.source(), event.tenantId(),
                    event.actor(), data);
            return json.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void reset() {
        try {
            if (connection != null) {
                connection.abort(1_000);
            }
        } catch (RuntimeException e) {
            LOG.debug("closing a broken RabbitMQ connection", e);
        }
        connection = null;
        channel = null;
    }

    @PreDestroy
    synchronized void close() {
        reset();
    }
}
