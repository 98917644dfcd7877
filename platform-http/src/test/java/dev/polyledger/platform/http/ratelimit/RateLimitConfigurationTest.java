package dev.polyledger.platform.http.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitConfigurationTest {
    private static final Duration PAUSE = Duration.ofSeconds(1);

    @Test
    void refusesATimeoutThatIsZeroOrLongerThanOneSecond() {
        assertThatThrownBy(() -> config(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> config(Duration.ofMillis(1001))).isInstanceOf(IllegalArgumentException.class);
        assertThat(config(Duration.ofMillis(200)).timeout()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void refusesAReconnectIntervalThatIsNotPositive() {
        assertThatThrownBy(() -> new RateLimitConfiguration(true, Duration.ofMillis(200), "p:", Duration.ZERO, PAUSE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reconnect-every");
    }

    @Test
    void refusesANegativePauseAfterFailure() {
        assertThatThrownBy(() -> new RateLimitConfiguration(true, Duration.ofMillis(200), "p:", Duration.ofSeconds(2),
                Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pause-after-failure");
    }

    private static RateLimitConfiguration config(Duration timeout) {
        return new RateLimitConfiguration(true, timeout, "p:", Duration.ofSeconds(2), PAUSE);
    }
}
