package dev.polyledger.audit.adapter.in.rabbitmq;

import java.time.Duration;

/**
 * How long to hold a message whose snapshot could not be stored before handing it back to the queue: {@code
 * initial} doubled per earlier failed delivery, at most {@code max}. With the defaults (1 s, 30 s), the delivery
 * limit of 10 and a 5 s server-selection timeout, a message is dead-lettered after about three minutes of store
 * outage (nine waits: 1+2+4+8+16+30+30+30+30 s, plus ten timeouts).
 *
 * @param initial wait after the first failed delivery, > 0
 * @param max     longest wait, >= initial
 */
record RetryBackoff(Duration initial, Duration max) {
    RetryBackoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + ", " + max);
        }
    }

    /** @param earlierDeliveries deliveries of this message before the current one (RabbitMQ's x-delivery-count) */
    Duration after(long earlierDeliveries) {
        long doublings = Math.min(Math.max(earlierDeliveries, 0), 30);
        Duration wait = initial.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
