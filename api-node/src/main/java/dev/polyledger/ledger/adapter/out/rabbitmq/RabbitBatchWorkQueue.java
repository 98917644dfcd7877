package dev.polyledger.ledger.adapter.out.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.polyledger.ledger.application.port.out.BatchWorkQueue;
import dev.polyledger.ledger.config.BatchQueue;
import dev.polyledger.ledger.config.LedgerProperties;
import dev.polyledger.ledger.domain.BatchChunk;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

/**
 * {@link BatchWorkQueue} on RabbitMQ: one durable queue ({@code ledger.batches.queue}, default
 * {@code ledger.batch-chunks}) on the default exchange, persistent messages, publisher confirms (the call returns once
 * the broker has the chunk). The body is {@code {"tenantId","batchId","fromIndex"}} ({@link BatchQueue}). The
 * connection opens on first use and is reopened after a failure.
 */
@Singleton
class RabbitBatchWorkQueue implements BatchWorkQueue {
    private static final long CONFIRM_TIMEOUT_MILLIS = 5_000;

    private final ConnectionFactory factory;
    private final String queue;
    private Connection connection;
    private Channel channel;

    RabbitBatchWorkQueue(LedgerProperties properties, ConnectionFactory factory) {
        this.queue = BatchQueue.queue(properties);
        this.factory = factory;
    }

    @Override
    public synchronized void enqueue(BatchChunk chunk) {
        try {
            Channel ch = channel();
            var props = new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2)
                    .messageId(chunk.batchId() + ":" + chunk.fromIndex()).build();
            ch.basicPublish("", queue, true, props, BatchQueue.encode(chunk).getBytes(StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
        } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            reset();
            throw new IllegalStateException("enqueueing a batch chunk failed: " + e.getMessage(), e);
        }
    }

    private Channel channel() throws IOException, TimeoutException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        reset();
        connection = factory.newConnection("api-node batch work queue");
        channel = connection.createChannel();
        BatchQueue.declare(channel, queue);
        channel.confirmSelect();
        return channel;
    }

    private void reset() {
        try {
            if (connection != null) {
                connection.abort(1_000);
            }
        } catch (RuntimeException ignored) {
            // already broken
        }
        connection = null;
        channel = null;
    }

    @PreDestroy
    synchronized void close() {
        reset();
    }
}
