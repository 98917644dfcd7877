package dev.polyledger.platform.http.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The token bucket on the real local Redis ({@code PLATFORM_TEST_REDIS_URI}, default {@code redis://127.0.0.1:6379}).
 * Every test run writes under a key prefix of its own, so a running cluster's buckets are never touched.
 */
class RedisRateLimiterIT {
    private static final String REDIS = System.getenv().getOrDefault("PLATFORM_TEST_REDIS_URI", "redis://127.0.0.1:6379");
    private static final Duration PAUSE = Duration.ofMillis(500);

    private final String prefix = "test:ratelimit:" + UUID.randomUUID() + ":";
    private final List<RedisClient> clients = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        for (RedisClient client : clients) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    @Test
    void admitsABurstThenRefusesWithARetryAfterThatMatchesTheRefillRate() {
        var limiter = connectedLimiter(REDIS, new SimpleMeterRegistry());
        var policy = new RateLimitPolicy(1, 5);

        List<RateLimitDecision> burst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            burst.add(limiter.tryAcquire("key-a", policy));
        }
        RateLimitDecision sixth = limiter.tryAcquire("key-a", policy);

        assertThat(burst).allMatch(d -> d instanceof RateLimitDecision.Allowed);
        assertThat(burst).extracting(d -> ((RateLimitDecision.Allowed) d).remaining()).containsExactly(4L, 3L, 2L, 1L, 0L);
        assertThat(sixth).isInstanceOf(RateLimitDecision.Limited.class);
        var limited = (RateLimitDecision.Limited) sixth;
        assertThat(limited.retryAfterSeconds()).as("one token per second comes back within a second").isEqualTo(1);
        assertThat(limited.resetSeconds()).as("five tokens at one per second").isBetween(4L, 5L);
    }

    @Test
    void refillsAfterWaiting() throws InterruptedException {
        var limiter = connectedLimiter(REDIS, new SimpleMeterRegistry());
        var policy = new RateLimitPolicy(10, 2);
        limiter.tryAcquire("key-r", policy);
        limiter.tryAcquire("key-r", policy);
        assertThat(limiter.tryAcquire("key-r", policy)).as("control: the bucket is empty")
                .isInstanceOf(RateLimitDecision.Limited.class);

        Thread.sleep(250);

        assertThat(limiter.tryAcquire("key-r", policy)).isInstanceOf(RateLimitDecision.Allowed.class);
        assertThat(limiter.tryAcquire("key-r", policy)).as("250 ms at 10/s refills two tokens, capped at the burst")
                .isInstanceOf(RateLimitDecision.Allowed.class);
        assertThat(limiter.tryAcquire("key-r", policy)).isInstanceOf(RateLimitDecision.Limited.class);
    }

    @Test
    void twoBucketsAreIndependent() {
        var limiter = connectedLimiter(REDIS, new SimpleMeterRegistry());
        var policy = new RateLimitPolicy(1, 1);

        assertThat(limiter.tryAcquire("key-1", policy)).isInstanceOf(RateLimitDecision.Allowed.class);
        assertThat(limiter.tryAcquire("key-1", policy)).isInstanceOf(RateLimitDecision.Limited.class);
        assertThat(limiter.tryAcquire("key-2", policy)).isEqualTo(new RateLimitDecision.Allowed(0, 1));
    }

    @Test
    void twoNodesShareOneBucket() {
        var nodeA = connectedLimiter(REDIS, new SimpleMeterRegistry());
        var nodeB = connectedLimiter(REDIS, new SimpleMeterRegistry());
        var policy = new RateLimitPolicy(1, 4);

        assertThat(nodeA.tryAcquire("shared", policy)).isInstanceOf(RateLimitDecision.Allowed.class);
        assertThat(nodeB.tryAcquire("shared", policy)).isInstanceOf(RateLimitDecision.Allowed.class);
        assertThat(nodeA.tryAcquire("shared", policy)).isInstanceOf(RateLimitDecision.Allowed.class);
        var fourth = nodeB.tryAcquire("shared", policy);

        assertThat(fourth).isInstanceOf(RateLimitDecision.Allowed.class);
        assertThat(((RateLimitDecision.Allowed) fourth).remaining()).isZero();
        assertThat(nodeA.tryAcquire("shared", policy)).isInstanceOf(RateLimitDecision.Limited.class);
        assertThat(nodeB.tryAcquire("shared", policy)).isInstanceOf(RateLimitDecision.Limited.class);
    }

    @Test
    void aBucketExpiresOnceItWouldBeFullAgain() {
        var limiter = connectedLimiter(REDIS, new SimpleMeterRegistry());
        limiter.tryAcquire("key-ttl", new RateLimitPolicy(500, 1000));

        var client = client(REDIS);
        try (var connection = client.connect()) {
            long ttl = connection.sync().pttl(prefix + "key-ttl");
            assertThat(ttl).as("ceil(1000 / 500) s + 1 s").isBetween(1L, 3000L);
            assertThat(connection.sync().hgetall(prefix + "key-ttl")).containsKeys("tokens", "ts");
        }
    }

    @Test
    void whenRedisIsUnreachableAdmitsUncheckedCountsItAndHealthSaysFailOpenWhileAControlNodeStillLimits()
            throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var meters = new SimpleMeterRegistry();
        var unreachable = limiter("redis://127.0.0.1:" + closedPort, meters);
        var policy = new RateLimitPolicy(1, 1);

        long started = System.nanoTime();
        var first = unreachable.tryAcquire("key-down", policy);
        var second = unreachable.tryAcquire("key-down", policy);
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(first).isInstanceOf(RateLimitDecision.Unchecked.class);
        assertThat(second).as("a bucket of one would refuse the second request if it were checked")
                .isInstanceOf(RateLimitDecision.Unchecked.class);
        assertThat(elapsedMillis).as("a request never waits for a connection").isLessThan(200);
        assertThat(meters.counter("platform.ratelimit.unchecked").count()).isEqualTo(2.0);
        HealthResult health = new RateLimitHealthIndicator(unreachable).result();
        assertThat(health.getStatus()).as("Redis never turns the node DOWN").isEqualTo(HealthStatus.UP);
        assertThat(details(health)).containsEntry("mode", "fail-open").containsEntry("uncheckedRequests", 2L)
                .containsKey("lastFailure");
        assertThat(details(health).get("lastFailure").toString()).doesNotContain("127.0.0.1")
                .doesNotContain(String.valueOf(closedPort));

        var control = connectedLimiter(REDIS, new SimpleMeterRegistry());
        assertThat(control.tryAcquire("key-down", policy)).isInstanceOf(RateLimitDecision.Allowed.class);
        assertThat(control.tryAcquire("key-down", policy)).isInstanceOf(RateLimitDecision.Limited.class);
        assertThat(details(new RateLimitHealthIndicator(control).result())).containsEntry("mode", "enforcing")
                .doesNotContainKey("lastFailure");
    }

    @Test
    void whenRedisIsSlowAdmitsUncheckedWithinTheTimeoutThenSkipsRedisForThePauseThenEnforcesAgain() throws Exception {
        RedisURI target = RedisURI.create(REDIS);
        var proxy = new StallingProxy(target.getHost(), target.getPort());
        closeables.add(proxy);
        var meters = new SimpleMeterRegistry();
        var limiter = connectedLimiter("redis://127.0.0.1:" + proxy.port(), meters);
        var policy = new RateLimitPolicy(1, 1);
        assertThat(limiter.tryAcquire("key-slow", policy)).as("control: through the relay the limit holds")
                .isInstanceOf(RateLimitDecision.Allowed.class);

        proxy.stall(true);
        long started = System.nanoTime();
        var whileSlow = limiter.tryAcquire("key-slow", policy);
        long slowMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        var duringPause = limiter.tryAcquire("key-slow", policy);
        long pausedMillis = (System.nanoTime() - started) / 1_000_000;
        proxy.stall(false);

        assertThat(whileSlow).isInstanceOf(RateLimitDecision.Unchecked.class);
        assertThat(slowMillis).as("the configured timeout is 200 ms").isBetween(150L, 1000L);
        assertThat(duringPause).isInstanceOf(RateLimitDecision.Unchecked.class);
        assertThat(pausedMillis).as("during the pause Redis is not asked").isLessThan(100L);
        assertThat(meters.counter("platform.ratelimit.unchecked").count()).isEqualTo(2.0);
        assertThat(details(new RateLimitHealthIndicator(limiter).result())).containsEntry("mode", "fail-open")
                .containsEntry("lastFailure", "RedisCommandTimeoutException");

        Thread.sleep(PAUSE.toMillis() + 100);
        assertThat(limiter.tryAcquire("key-slow", policy)).as("Redis answers again: the empty bucket refuses")
                .isInstanceOf(RateLimitDecision.Limited.class);
        assertThat(details(new RateLimitHealthIndicator(limiter).result())).containsEntry("mode", "enforcing");
    }

    @Test
    void loadsTheScriptWithEvalWhenRedisAnswersNoScript() {
        var config = new RateLimitConfiguration(true, Duration.ofMillis(200), prefix, Duration.ofSeconds(2), PAUSE);
        String neverCached = RedisRateLimiter.TOKEN_BUCKET + "-- " + UUID.randomUUID() + "\n";
        var limiter = new RedisRateLimiter(client(REDIS), config, new SimpleMeterRegistry(), neverCached);
        closeables.add(limiter);
        awaitConnected(limiter);
        var policy = new RateLimitPolicy(1, 2);

        assertThat(limiter.tryAcquire("key-noscript", policy)).isEqualTo(new RateLimitDecision.Allowed(1, 1));
        assertThat(limiter.tryAcquire("key-noscript", policy)).isInstanceOf(RateLimitDecision.Allowed.class);
        assertThat(limiter.tryAcquire("key-noscript", policy)).isInstanceOf(RateLimitDecision.Limited.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(HealthResult health) {
        return (Map<String, Object>) health.getDetails();
    }

    private RedisRateLimiter connectedLimiter(String uri, SimpleMeterRegistry meters) {
        var limiter = limiter(uri, meters);
        awaitConnected(limiter);
        return limiter;
    }

    private static void awaitConnected(RedisRateLimiter limiter) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!limiter.connected()) {
            assertThat(System.nanoTime()).as("connected to Redis within 5 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private RedisRateLimiter limiter(String uri, SimpleMeterRegistry meters) {
        var config = new RateLimitConfiguration(true, Duration.ofMillis(200), prefix, Duration.ofSeconds(2), PAUSE);
        var limiter = new RedisRateLimiter(client(uri), config, meters);
        closeables.add(limiter);
        return limiter;
    }

    private RedisClient client(String uri) {
        var client = RedisClient.create(uri);
        clients.add(client);
        return client;
    }
}
