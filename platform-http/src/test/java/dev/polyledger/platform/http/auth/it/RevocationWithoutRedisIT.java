package dev.polyledger.platform.http.auth.it;

import static dev.polyledger.platform.http.auth.it.AuthTestNodes.OPERATOR_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.platform.http.auth.adapter.out.redis.RedisRevocationChannel;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A node whose Redis is down when it starts, comes back, goes away and comes back again: the node starts and
 * authenticates meanwhile, subscribes to revocations once Redis is there, and subscribes again after a cut.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevocationWithoutRedisIT {
    private RedisSwitch redis;
    private EmbeddedServer revoking;
    private EmbeddedServer cutOff;

    @BeforeAll
    void start() throws Exception {
        redis = new RedisSwitch(URI.create(AuthTestNodes.redisUri()).getPort());
        revoking = AuthTestNodes.start(Map.of());
        cutOff = AuthTestNodes.start(Map.of("redis.uri", "redis://127.0.0.1:" + redis.port()));
    }

    @AfterAll
    void stop() throws Exception {
        for (EmbeddedServer node : new EmbeddedServer[] {revoking, cutOff}) {
            if (node != null) {
                node.getApplicationContext().close();
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void a_node_started_without_redis_serves_then_subscribes_and_resubscribes_after_a_cut() throws Exception {
        RedisRevocationChannel channel = cutOff.getApplicationContext().getBean(RedisRevocationChannel.class);
        URI c = cutOff.getURI();
        assertThat(Http.get(c, "/api/v1/test/read", OPERATOR_KEY).status()).isEqualTo(200);
        assertThat(channel.subscribed()).isFalse();

        redis.on();
        assertThat(await(channel::subscribed, Duration.ofSeconds(10))).as("subscribed once Redis is up").isTrue();
        assertRevocationArrivesQuickly(c);

        redis.off();
        assertThat(await(() -> !channel.subscribed(), Duration.ofSeconds(5))).as("cut off").isTrue();
        redis.on();
        assertThat(await(channel::subscribed, Duration.ofSeconds(15))).as("subscribed again").isTrue();
        assertRevocationArrivesQuickly(c);
    }

    /** A key cached on the cut-off node is refused there well within its cache's 5 s after a revocation elsewhere. */
    private void assertRevocationArrivesQuickly(URI c) {
        URI r = revoking.getURI();
        var created = Http.post(r, "/api/v1/api-keys", OPERATOR_KEY, "{\"name\":\"k\",\"scopes\":[\"ledger:read\"]}");
        String key = created.text("key");
        assertThat(Http.get(c, "/api/v1/test/read", key).status()).isEqualTo(200);

        assertThat(Http.delete(r, "/api/v1/api-keys/" + created.text("id"), OPERATOR_KEY).status()).isEqualTo(204);

        long revokedAt = System.nanoTime();
        boolean refused = false;
        while (!refused && System.nanoTime() - revokedAt < Duration.ofSeconds(6).toNanos()) {
            refused = Http.get(c, "/api/v1/test/read", key).status() == 401;
        }
        assertThat(refused).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofMillis(2_500));
    }

    private static boolean await(BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }
}
