package dev.polyledger.notification.adapter.out.metrics;

import dev.polyledger.notification.application.port.out.DeliveryMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * {@link DeliveryMetrics} as Micrometer meters, exported on {@code /prometheus} as
 * {@code webhook_deliveries_total{outcome="delivered"|"retried"|"dead_lettered"}} (one per attempt outcome, plus
 * a dead-lettering without attempt) and {@code webhook_delivery_lag_seconds} (a histogram: the event's
 * {@code occurredAt}, its commit, to the receiver's 2xx; retries included).
 */
@Singleton
class MicrometerDeliveryMetrics implements DeliveryMetrics {
    private final Counter delivered;
    private final Counter retried;
    private final Counter deadLettered;
    private final Timer lag;

    MicrometerDeliveryMetrics(MeterRegistry meters) {
        this.delivered = outcome(meters, "delivered");
        this.retried = outcome(meters, "retried");
        this.deadLettered = outcome(meters, "dead_lettered");
        this.lag = Timer.builder("webhook.delivery.lag")
                .description("from the event's occurredAt (commit) to the receiver's 2xx answer")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(30))
                .register(meters);
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("webhook.deliveries").tag("outcome", outcome)
                .description("webhook delivery outcomes").register(meters);
    }

    @Override
    public void delivered(Duration lagFromCommit) {
        delivered.increment();
        if (lagFromCommit != null && !lagFromCommit.isNegative()) {
            lag.record(lagFromCommit);
        }
    }

    @Override
    public void retried() {
        retried.increment();
    }

    @Override
    public void deadLettered() {
        deadLettered.increment();
    }
}
