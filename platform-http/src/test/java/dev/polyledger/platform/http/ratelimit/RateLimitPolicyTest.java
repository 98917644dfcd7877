package dev.polyledger.platform.http.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateLimitPolicyTest {

    @Test
    void refusesARateOrBurstThatIsNotPositive() {
        assertThatThrownBy(() -> new RateLimitPolicy(0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("perSecond");
        assertThatThrownBy(() -> new RateLimitPolicy(10, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("burst");
        assertThatThrownBy(() -> new RateLimitPolicy(-1, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void advertisesTheTimeAnEmptyBucketTakesToRefillRoundedUp() {
        assertThat(new RateLimitPolicy(500, 1000).windowSeconds()).isEqualTo(2);
        assertThat(new RateLimitPolicy(3, 10).windowSeconds()).isEqualTo(4);
        assertThat(new RateLimitPolicy(100, 10).windowSeconds()).isEqualTo(1);
    }

    @Test
    void theDefaultIsFiveHundredPerSecondWithABurstOfAThousand() {
        assertThat(RateLimitPolicy.DEFAULT).isEqualTo(new RateLimitPolicy(500, 1000));
    }
}
