package dev.polyledger.platform.http.ratelimit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A token bucket per API key in Redis, shared by every node: one Lua script per request (EVALSHA, falling back to
 * EVAL when the server answers NOSCRIPT), so one round trip, atomic in Redis.
 *
 * <p><b>Why our own script and not Bucket4j.</b> Bucket4j's Redis backends (Lettuce, Jedis, Redisson) are built on
 * compare-and-swap: a read of the bucket state, then a CAS script, so at least two round trips per request and a
 * retry loop under contention on one key; they also take time from the client's clock. The issue asks for one round
 * trip and the bucket's time from one clock, so the script below (about twenty lines) is the smaller risk.
 *
 * <p>Needs Redis 5 or later (a script that reads {@code TIME} and then writes is replicated by its effects).
 *
 * <p><b>The bucket.</b> Key {@code <prefix><bucketId>} is a hash with {@code tokens} (a fraction) and {@code ts}
 * (microseconds, from Redis {@code TIME} inside the script, never a node's clock, so nodes with skewed clocks
 * agree). Each call refills {@code perSecond × elapsed} tokens up to {@code burst}, then takes one if a whole token
 * is there. A refused call writes nothing. The key expires once an idle bucket would be full again
 * ({@code ceil(burst / perSecond)} s plus 1 s), which is the same as a missing key, so idle buckets cost no memory.
 * If Redis's clock steps back, the bucket does not refill until it has caught up (never a negative refill).
 *
 * <p><b>Failing open.</b> Rate limiting protects capacity, not money (balances are guarded by PostgreSQL), so
 * when Redis cannot answer within {@link RateLimitConfiguration#timeout()} — not connected, refused, slow — the
 * request is admitted as {@link RateLimitDecision.Unchecked}, counted in {@code platform.ratelimit.unchecked}
 * (Prometheus {@code platform_ratelimit_unchecked_total}), and the {@code ratelimit} health indicator says
 * {@code fail-open}. A request never waits for a connection to be opened: connecting happens on a background
 * thread, at most every {@link RateLimitConfiguration#reconnectEvery()}; once connected, Lettuce reconnects by itself.
 * After a check failed on an open connection, requests skip Redis for
 * {@link RateLimitConfiguration#pauseAfterFailure()}, so a hung Redis costs one request per pause the timeout.
 * Uses its own connection on the {@code redis.uri} client, with the configured timeout. {@link #acquire} sends the
 * script with Lettuce's asynchronous API and returns at once: no thread waits for Redis (the request filter composes
 * the answer into the request's processing on the event loop).
 */
@Singleton
@Requires(beans = RedisClient.class)
@Requires(property = "platform.ratelimit.enabled", notEquals = "false")
final class RedisRateLimiter implements RateLimiter, RateLimiterState, AutoCloseable {

    /** Metric name (Micrometer); Prometheus shows it as {@code platform_ratelimit_unchecked_total}. */
    static final String UNCHECKED_METRIC = "platform.ratelimit.unchecked";

    /**
     * KEYS[1]: the bucket hash. ARGV: refill rate (tokens per second), burst (tokens), key TTL (ms).
     * Returns {allowed (1|0), whole tokens left, µs until one token, µs until full}.
     */
    static final String TOKEN_BUCKET = """
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
            local rate = tonumber(ARGV[1])
            local burst = tonumber(ARGV[2])
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
            local tokens = tonumber(state[1])
            local ts = tonumber(state[2])
            if tokens == nil or ts == nil then
              tokens = burst
              ts = now
            end
            if now > ts then
              tokens = tokens + (now - ts) * rate / 1000000
              ts = now
            end
            if tokens > burst then tokens = burst end
            local allowed = 0
            if tokens >= 1 then
              tokens = tokens - 1
              allowed = 1
              redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'ts', string.format('%.0f', ts))
              redis.call('PEXPIRE', KEYS[1], ARGV[3])
            end
            local to_one = 0
            if tokens < 1 then to_one = math.ceil((1 - tokens) * 1000000 / rate) end
            local to_full = math.ceil((burst - tokens) * 1000000 / rate)
            return {allowed, math.floor(tokens), to_one, to_full}
            """;

    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);

    private final RedisClient client;
    private final RateLimitConfiguration config;
    private final Counter unchecked;
    private final ExecutorService connector;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final String script;
    private final String scriptSha;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long nextConnectAttemptNanos = System.nanoTime();
    private volatile String lastFailure;
    private volatile long pausedUntilNanos = System.nanoTime();
    private volatile boolean closed;

    @Inject
    RedisRateLimiter(RedisClient client, RateLimitConfiguration config, MeterRegistry meters) {
        this(client, config, meters, TOKEN_BUCKET);
    }

    /** With {@code script} a variant of {@link #TOKEN_BUCKET} (tests: a comment that no Redis has cached yet). */
    RedisRateLimiter(RedisClient client, RateLimitConfiguration config, MeterRegistry meters, String script) {
        this.client = client;
        this.config = config;
        this.unchecked = Counter.builder(UNCHECKED_METRIC)
                .description("Requests admitted without a rate-limit check because Redis was unavailable or slow")
                .register(meters);
        this.script = script;
        this.scriptSha = sha1Hex(script);
        this.connector = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ratelimit-redis-connect");
            thread.setDaemon(true);
            return thread;
        });
        connectInBackground();
    }

    @Override
    public CompletionStage<RateLimitDecision> acquire(String bucketId, RateLimitPolicy policy) {
        Objects.requireNonNull(bucketId, "bucketId");
        Objects.requireNonNull(policy, "policy");
        StatefulRedisConnection<String, String> current = connection;
        if (current == null || !current.isOpen()) {
            if (current == null) {
                connectInBackground();
            }
            return CompletableFuture.completedFuture(failOpen("RedisNotConnected"));
        }
        if (lastFailure != null && System.nanoTime() - pausedUntilNanos < 0) {
            return CompletableFuture.completedFuture(failOpen(lastFailure));
        }
        // Lettuce times the command out after the connection's timeout (RedisCommandTimeoutException, its command
        // timeouts being on by default); twice that is only a backstop should a client run with them off.
        return run(current.async(), config.keyPrefix() + bucketId, policy)
                .orTimeout(config.timeout().toNanos() * 2, TimeUnit.NANOSECONDS)
                .handle((reply, failure) -> {
                    if (failure == null) {
                        lastFailure = null;
                        return reply.decision();
                    }
                    Throwable cause = unwrap(failure);
                    LOG.debug("rate limit unchecked for bucket {}: {}", bucketId, cause.toString());
                    pausedUntilNanos = System.nanoTime() + config.pauseAfterFailure().toNanos();
                    return failOpen(cause.getClass().getSimpleName());
                });
    }

    @Override
    public Mode mode() {
        return lastFailure == null && connected() ? Mode.ENFORCING : Mode.FAIL_OPEN;
    }

    @Override
    public String lastFailure() {
        return lastFailure;
    }

    @Override
    public long uncheckedCount() {
        return (long) unchecked.count();
    }

    /** Whether a connection to Redis is open now (tests wait for it instead of sleeping). */
    boolean connected() {
        StatefulRedisConnection<String, String> current = connection;
        return current != null && current.isOpen();
    }

    /** EVALSHA, then EVAL when the server has not cached the script (NOSCRIPT); neither blocks the caller. */
    private CompletableFuture<TokenBucketReply> run(RedisAsyncCommands<String, String> redis, String key,
                                                    RateLimitPolicy policy) {
        String[] keys = {key};
        String rate = Integer.toString(policy.perSecond());
        String burst = Integer.toString(policy.burst());
        String ttlMillis = Long.toString((policy.windowSeconds() + 1) * 1000);
        CompletableFuture<List<Object>> answer = redis.<List<Object>>evalsha(scriptSha, ScriptOutputType.MULTI, keys,
                rate, burst, ttlMillis).toCompletableFuture();
        return answer
                .exceptionallyCompose(failure -> unwrap(failure) instanceof RedisNoScriptException
                        ? redis.<List<Object>>eval(script, ScriptOutputType.MULTI, keys, rate, burst, ttlMillis)
                                .toCompletableFuture()
                        : CompletableFuture.failedFuture(failure))
                .thenApply(reply -> new TokenBucketReply(((Long) reply.get(0)) == 1L, (Long) reply.get(1),
                        (Long) reply.get(2), (Long) reply.get(3)));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private RateLimitDecision failOpen(String reason) {
        lastFailure = reason;
        unchecked.increment();
        return new RateLimitDecision.Unchecked();
    }

    private void connectInBackground() {
        if (closed || System.nanoTime() - nextConnectAttemptNanos < 0 || !connecting.compareAndSet(false, true)) {
            return;
        }
        nextConnectAttemptNanos = System.nanoTime() + config.reconnectEvery().toNanos();
        try {
            connector.execute(this::connect);
        } catch (RuntimeException e) {
            connecting.set(false);
        }
    }

    private void connect() {
        try {
            StatefulRedisConnection<String, String> opened = client.connect(StringCodec.UTF8);
            opened.setTimeout(config.timeout());
            if (closed) {
                opened.closeAsync();
                return;
            }
            connection = opened;
            lastFailure = null;
            LOG.info("rate limiting connected to Redis");
        } catch (RuntimeException e) {
            lastFailure = e.getClass().getSimpleName();
            LOG.warn("Redis unavailable for rate limiting ({}); requests are admitted unchecked", e.getMessage());
        } finally {
            connecting.set(false);
        }
    }

    @PreDestroy
    @Override
    public void close() {
        closed = true;
        connector.shutdownNow();
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
    }

    private static String sha1Hex(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }
}
