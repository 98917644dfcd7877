package dev.polyledger.audit.adapter.in.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    @Test
    void doublesPerEarlierDeliveryUpToItsBound() {
        var backoff = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

        assertThat(List.of(0L, 1L, 2L, 4L, 5L, 1000L).stream().map(backoff::after).toList()).containsExactly(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(16),
                Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @Test
    void refusesAZeroStartOrABoundBelowIt() {
        assertThatThrownBy(() -> new RetryBackoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
