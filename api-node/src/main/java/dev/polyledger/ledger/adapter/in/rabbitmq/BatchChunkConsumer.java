package dev.polyledger.ledger.adapter.in.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.polyledger.ledger.application.port.in.IndependentBatches;
import dev.polyledger.ledger.config.BatchQueue;
import dev.polyledger.ledger.config.LedgerProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes batch chunks from the work queue ({@code ledger.batches.queue}) and processes them
 * ({@link IndependentBatches#process}): prefetch 1, manual acks. A chunk is acknowledged only after its items
 * committed and the next chunk was enqueued (confirmed), so a node killed at any point leaves the chunk to be
 * redelivered to another node, which skips the items already posted. A failed chunk is requeued after a pause; a
 * message that is not a chunk is dropped (logged). The connection recovers by itself (the client's automatic
 * recovery) and is first opened at startup, retried every 5 s while the broker is away.
 * Off with {@code ledger.batches.consumer-enabled: false} ({@code LEDGER_BATCH_CONSUMER}).
 */
@Singleton
@Requires(property = "ledger.batches.consumer-enabled", notEquals = "false")
class BatchChunkConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(BatchChunkConsumer.class);
    private static final long RETRY_PAUSE_MILLIS = 500;

    private final IndependentBatches batches;
    private final ConnectionFactory factory;
    private final String queue;
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "batch-chunk-connector");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Connection connection;
    private volatile boolean closed;

    BatchChunkConsumer(IndependentBatches batches, LedgerProperties properties, ConnectionFactory factory) {
        this.batches = batches;
        this.queue = BatchQueue.queue(properties);
        this.factory = factory;
        factory.setAutomaticRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(2_000);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        connector.execute(this::connect);
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            Connection conn = factory.newConnection("api-node batch chunks");
            Channel channel = conn.createChannel();
            BatchQueue.declare(channel, queue);
            channel.basicQos(1);
            channel.basicConsume(queue, false, "batch-chunks-" + ProcessHandle.current().pid(), new Consumer(channel));
            connection = conn;
            LOG.info("consuming batch chunks from {}", queue);
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            LOG.warn("batch chunk consumer could not connect to RabbitMQ ({}); retrying in 5s", e.getMessage());
            connector.schedule(this::connect, 5, TimeUnit.SECONDS);
        }
    }

    private final class Consumer extends DefaultConsumer {
        Consumer(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                throws IOException {
            var text = new String(body, StandardCharsets.UTF_8);
            dev.polyledger.ledger.domain.BatchChunk chunk;
            try {
                chunk = BatchQueue.decode(text);
            } catch (IllegalArgumentException e) {
                LOG.error("dropping a message of the batch chunk queue that is not a chunk: {}", e.getMessage());
                getChannel().basicAck(envelope.getDeliveryTag(), false);
                return;
            }
            try {
                batches.process(chunk);
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            } catch (RuntimeException e) {
                LOG.warn("batch {} chunk from {} failed ({}); requeued", chunk.batchId(), chunk.fromIndex(), e.toString());
                pause();
                getChannel().basicNack(envelope.getDeliveryTag(), false, true);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void close() {
        closed = true;
        connector.shutdownNow();
        Connection conn = connection;
        if (conn != null) {
            try {
                conn.abort(2_000);
            } catch (RuntimeException ignored) {
                // going away anyway
            }
        }
    }
}
