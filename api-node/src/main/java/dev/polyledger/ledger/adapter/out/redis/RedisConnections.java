package dev.polyledger.ledger.adapter.out.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one Redis connection, opened lazily so that a node starts and serves while Redis is down.
 * While Redis is unreachable, commands are rejected at once (no queueing), a new connection is tried at
 * most every {@link #RECONNECT_EVERY}, and {@link #available()} is false — which the health indicator shows.
 */
@Singleton
class RedisConnections {
    static final Duration RECONNECT_EVERY = Duration.ofSeconds(2);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(RedisConnections.class);

    private final RedisClient client;
    private final Clock clock;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile Instant nextAttempt = Instant.MIN;
    private volatile String lastFailure;

    RedisConnections(RedisClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
    }

    /** Synchronous commands on an open connection, or empty when Redis cannot be reached right now. */
    Optional<RedisCommands<String, String>> commands() {
        var current = connection;
        if (current != null && current.isOpen()) {
            return Optional.of(current.sync());
        }
        return connect().map(StatefulRedisConnection::sync);
    }

    /**
     * Asynchronous commands on the connection if one is open now, else empty: never opens one (opening blocks), so
     * the event loop may call it. Commands time out after {@link #COMMAND_TIMEOUT} (the client's timeout options).
     */
    Optional<RedisAsyncCommands<String, String>> asyncIfOpen() {
        var current = connection;
        return current != null && current.isOpen() ? Optional.of(current.async()) : Optional.empty();
    }

    String lastFailure() {
        return lastFailure;
    }

    void reportFailure(Exception failure) {
        lastFailure = failure.toString();
    }

    void reportSuccess() {
        lastFailure = null;
    }

    private synchronized Optional<StatefulRedisConnection<String, String>> connect() {
        if (connection != null && connection.isOpen()) {
            return Optional.of(connection);
        }
        Instant now = clock.instant();
        if (now.isBefore(nextAttempt)) {
            return Optional.empty();
        }
        nextAttempt = now.plus(RECONNECT_EVERY);
        try {
            if (connection != null) {
                connection.closeAsync();
            }
            connection = client.connect();
            connection.setTimeout(COMMAND_TIMEOUT);
            lastFailure = null;
            LOG.info("connected to Redis");
            return Optional.of(connection);
        } catch (RuntimeException e) {
            lastFailure = e.toString();
            LOG.warn("Redis unavailable ({}); idempotency is served from PostgreSQL alone", e.getMessage());
            return Optional.empty();
        }
    }

    @PreDestroy
    void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
