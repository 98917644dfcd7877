package dev.polyledger.platform.http.auth.adapter.out.redis;

import dev.polyledger.platform.http.auth.application.Authenticator;
import dev.polyledger.platform.http.auth.application.port.out.RevocationBroadcast;
import dev.polyledger.platform.http.auth.config.AuthSettings;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revocations between nodes over Redis pub/sub, channel {@value #CHANNEL}: the node that revokes a key publishes its
 * hash, and every node (itself included) drops that hash from its cache of verified keys at once.
 *
 * <p>Never in the way: the subscription is opened in the background, so a node starts while Redis is down, and is
 * retried every {@link #RETRY_EVERY} until it succeeds; from then on Lettuce reconnects by itself and subscribes
 * the channel again. Because messages published while a node was cut off are lost, a node forgets every cached key
 * when its subscription comes back. Without a Redis client bean (no {@code redis.uri}) nothing is broadcast and the
 * cache's time to live alone bounds a revocation.
 */
@Context
public class RedisRevocationChannel implements RevocationBroadcast {
    /** The pub/sub channel of revoked key hashes. */
    public static final String CHANNEL = "polyledger:api-keys:revoked";
    static final Duration RETRY_EVERY = Duration.ofSeconds(2);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(RedisRevocationChannel.class);

    private final RedisClient client;
    private final Authenticator authenticator;
    private final ScheduledExecutorService background;
    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    private volatile StatefulRedisConnection<String, String> publisher;
    private volatile boolean closed;

    public RedisRevocationChannel(AuthSettings settings, BeanProvider<RedisClient> redis,
                                  BeanProvider<Authenticator> authenticator) {
        if (!settings.enabled()) {
            this.client = null;
            this.authenticator = null;
            this.background = null;
            return;
        }
        this.client = redis.find(null).orElse(null);
        this.authenticator = authenticator.get();
        if (client == null) {
            this.background = null;
            LOG.info("no Redis client configured: revoked API keys reach other nodes through the cache's time to live only");
            return;
        }
        this.background = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "api-key-revocations");
            thread.setDaemon(true);
            return thread;
        });
        background.execute(this::subscribe);
    }

    /** Whether this node currently listens to revocations. */
    public boolean subscribed() {
        var current = subscription;
        return current != null && current.isOpen();
    }

    /** Publishes on the background thread: a revocation never waits for Redis (the caller's cache is already cleared). */
    @Override
    public void revoked(String keyHash) {
        if (client == null || closed) {
            return;
        }
        try {
            background.execute(() -> publish(keyHash));
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            LOG.warn("node shutting down: a key revocation is not broadcast; other nodes refuse the key within the "
                    + "cache's time to live");
        }
    }

    private void publish(String keyHash) {
        try {
            var connection = publisher();
            connection.async().publish(CHANNEL, keyHash).get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("could not broadcast a key revocation ({}); other nodes refuse the key within the cache's time to live",
                    e.toString());
        }
    }

    private synchronized StatefulRedisConnection<String, String> publisher() {
        if (publisher == null || !publisher.isOpen()) {
            if (publisher != null) {
                publisher.closeAsync();
            }
            publisher = client.connect();
        }
        return publisher;
    }

    private void subscribe() {
        if (closed) {
            return;
        }
        try {
            StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub();
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    if (CHANNEL.equals(channel)) {
                        authenticator.invalidate(message);
                    }
                }
            });
            connection.addListener(new RedisConnectionStateListener() {
                @Override
                public void onRedisConnected(io.lettuce.core.RedisChannelHandler<?, ?> handler, SocketAddress address) {
                    // Back after a cut: revocations published meanwhile were missed.
                    authenticator.invalidateAll();
                    LOG.info("revocation channel reconnected; cached API keys forgotten");
                }
            });
            connection.sync().subscribe(CHANNEL);
            subscription = connection;
            LOG.info("listening for API key revocations on Redis channel {}", CHANNEL);
        } catch (RuntimeException e) {
            LOG.warn("cannot subscribe to API key revocations yet ({}); retrying every {} s", e.getMessage(),
                    RETRY_EVERY.toSeconds());
            if (!closed) {
                background.schedule(this::subscribe, RETRY_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    @PreDestroy
    void close() {
        closed = true;
        if (background != null) {
            background.shutdownNow();
        }
        if (subscription != null) {
            subscription.closeAsync();
        }
        if (publisher != null) {
            publisher.closeAsync();
        }
    }
}
