package dev.polyledger.notification.adapter.in.schedule;

import dev.polyledger.notification.application.service.DeliveryDispatcher;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the dispatcher every {@code notification.dispatch.interval} (default 200 ms), never twice at once. */
@Singleton
class DispatchTicker {
    private static final Logger LOG = LoggerFactory.getLogger(DispatchTicker.class);
    private final DeliveryDispatcher dispatcher;

    DispatchTicker(DeliveryDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Scheduled(fixedDelay = "${notification.dispatch.interval:200ms}", initialDelay = "1s")
    void tick() {
        try {
            dispatcher.dispatchDue();
        } catch (RuntimeException e) {
            LOG.warn("dispatch failed (next tick retries): {}", e.toString());
        }
    }
}
