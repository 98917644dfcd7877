package dev.polyledger.ledger.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code ledger.*} settings of an api-node (application.yml; every one overridable by environment).
 *
 * @param nodeId      name of this replica in events and logs ({@code LEDGER_NODE_ID})
 * @param currencies  supported ISO 4217 codes and their minor-unit scale, e.g. {@code USD: 2}, {@code JPY: 0}
 * @param idempotency key retention and in-flight lock lifetime
 * @param retry       serialization-failure retry budget
 * @param outbox      the outbox relay
 * @param rabbitmq    the broker events are published to
 * @param commitGroup group commit of concurrent money movements
 * @param batches     the work queue of INDEPENDENT batches
 */
@ConfigurationProperties("ledger")
public record LedgerProperties(String nodeId, Map<String, Integer> currencies, Idempotency idempotency, Retry retry,
                               Outbox outbox, Rabbitmq rabbitmq, CommitGroup commitGroup, Batches batches) {

    /**
     * The RabbitMQ work queue of batch chunks, on the broker of {@code ledger.rabbitmq.uri}.
     *
     * @param queue           durable queue name (default {@code ledger.batch-chunks})
     * @param consumerEnabled whether this node takes chunks from it (default true; {@code LEDGER_BATCH_CONSUMER})
     */
    @ConfigurationProperties("batches")
    public record Batches(@Bindable(defaultValue = "ledger.batch-chunks") String queue,
                          @Bindable(defaultValue = "true") boolean consumerEnabled) {
    }

    /**
     * Group commit: concurrent requests that move money share one serializable transaction (and one commit).
     *
     * @param maxSize    most requests in one transaction (default 32); 1 turns group commit off
     * @param committers threads per node that run the shared transactions, each holding one connection while it
     *                   does (default 2)
     */
    @ConfigurationProperties("commit-group")
    public record CommitGroup(@Bindable(defaultValue = "32") int maxSize,
                              @Bindable(defaultValue = "2") int committers) {
    }

    /**
     * @param batchSize      events per relay transaction (default 200)
     * @param initialBackoff first pause after a failed publish (default 200ms)
     * @param maxBackoff     longest pause while the broker is away (default 5s)
     * @param safetyPoll     longest wait of the relay for a commit of its node that appended events before it looks
     *                       anyway: the safety net for events of other nodes whose relay is off or died (default 1s)
     * @param coalesce       shortest time between two drains of one node's relay, so that the commits of that
     *                       window share one claim instead of one claim each (default 10ms)
     */
    @ConfigurationProperties("outbox")
    public record Outbox(@Bindable(defaultValue = "200") int batchSize,
                         @Bindable(defaultValue = "200ms") Duration initialBackoff,
                         @Bindable(defaultValue = "5s") Duration maxBackoff,
                         @Bindable(defaultValue = "1s") Duration safetyPoll,
                         @Bindable(defaultValue = "10ms") Duration coalesce) {
    }

    /** @param uri AMQP URI of the broker (default {@code amqp://guest:guest@127.0.0.1:5672}) */
    @ConfigurationProperties("rabbitmq")
    public record Rabbitmq(@Bindable(defaultValue = "amqp://guest:guest@127.0.0.1:5672") String uri) {
    }

    /**
     * @param retention how long completed responses are kept (default 24h)
     * @param lockTtl   lifetime of the Redis in-flight lock (default 15s)
     */
    @ConfigurationProperties("idempotency")
    public record Idempotency(@Bindable(defaultValue = "24h") Duration retention,
                              @Bindable(defaultValue = "15s") Duration lockTtl) {
    }

    /**
     * @param maxAttempts    how many times a transaction runs before 503 (default 12)
     * @param initialBackoff first back-off, doubled per retry with ±50% jitter (default 2ms)
     * @param maxBackoff     largest back-off (default 100ms)
     */
    @ConfigurationProperties("retry")
    public record Retry(@Bindable(defaultValue = "12") int maxAttempts,
                        @Bindable(defaultValue = "2ms") Duration initialBackoff,
                        @Bindable(defaultValue = "100ms") Duration maxBackoff) {
    }
}
