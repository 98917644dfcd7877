package dev.polyledger.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final RetrySchedule SCHEDULE = new RetrySchedule(java.util.List.of(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(2)));

    private static Delivery fresh() {
        return Delivery.schedule("evt", "transfer.posted", "{}", Subscription.create("wh_1", "acme",
                "https://example.com/hook", java.util.List.of("*"), "whsec_AAAA", null, T0), T0);
    }

    @Test
    void isKeyedByEventAndSubscriptionOfTheSubscriptionsTenantAndDueAtOnce() {
        assertThat(fresh().id()).isEqualTo("evt:wh_1");
        assertThat(fresh().tenantId()).isEqualTo("acme");
        assertThat(fresh().status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(fresh().nextAttemptAt()).isEqualTo(T0);
    }

    @Test
    void a2xxDelivers() {
        Delivery d = fresh().after(AttemptResult.answered(204, null), T0.plusSeconds(1), SCHEDULE, () -> 0.0);
        assertThat(d.status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.deliveredAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void failuresAreRetriedOnScheduleThenDeadLettered() {
        Delivery d = fresh().after(AttemptResult.answered(500, null), T0, SCHEDULE, () -> 0.0);
        assertThat(d.status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(d.nextAttemptAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(d.lastResponseCode()).isEqualTo(500);
        d = d.after(AttemptResult.failed("timeout"), T0, SCHEDULE, () -> 0.0);
        assertThat(d.nextAttemptAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(d.lastResponseCode()).isNull();
        d = d.after(AttemptResult.answered(400, null), T0, SCHEDULE, () -> 0.0);
        assertThat(d.status()).isEqualTo(Delivery.Status.DEAD_LETTERED);
        assertThat(d.attempts()).isEqualTo(3);
        assertThat(d.lastError()).contains("400");
    }

    @Test
    void aRetryAfterLongerThanTheScheduleIsHonoured() {
        Delivery d = fresh().after(AttemptResult.answered(429, Duration.ofSeconds(30)), T0, SCHEDULE, () -> 0.0);
        assertThat(d.nextAttemptAt()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void goneDeadLettersAtOnce() {
        Delivery d = fresh().after(AttemptResult.answered(410, null), T0, SCHEDULE, () -> 0.0);
        assertThat(d.status()).isEqualTo(Delivery.Status.DEAD_LETTERED);
        assertThat(d.lastError()).contains("410");
    }
}
