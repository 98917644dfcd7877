package dev.polyledger.notification.application.port.out;

import java.time.Duration;

/** What the dispatcher counts: the outcome of every attempt and the commit → delivery lag. */
public interface DeliveryMetrics {

    /**
     * An attempt was answered 2xx.
     *
     * @param lag from the event's {@code occurredAt} (its commit) to the answer; null when the event's time is not
     *            known (a delivery left by an earlier process)
     */
    void delivered(Duration lag);

    /** An attempt failed and the delivery waits for its next one (retry schedule). */
    void retried();

    /** A delivery was given up: its last attempt failed, the endpoint answered 410, or its subscription went away. */
    void deadLettered();

    /** Counts nothing (tests). */
    DeliveryMetrics NONE = new DeliveryMetrics() {
        @Override
        public void delivered(Duration lag) {
        }

        @Override
        public void retried() {
        }

        @Override
        public void deadLettered() {
        }
    };
}
