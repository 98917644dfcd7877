package dev.polyledger.notification.adapter.in.scheduler;

import dev.polyledger.notification.application.port.in.DispatchDeliveriesUseCase;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches the due deliveries every {@code notification.dispatch.interval} (default 200 ms) after the previous
 * run ended, so never twice at once. A failed run is logged; the next one tries again.
 */
@Singleton
class DispatchTicker {
    private static final Logger LOG = LoggerFactory.getLogger(DispatchTicker.class);
    private final DispatchDeliveriesUseCase dispatch;

    DispatchTicker(DispatchDeliveriesUseCase dispatch) {
        this.dispatch = dispatch;
    }

    @Scheduled(fixedDelay = "${notification.dispatch.interval:200ms}", initialDelay = "1s")
    void tick() {
        try {
            dispatch.dispatchDue();
        } catch (RuntimeException e) {
            LOG.warn("dispatch failed (next tick retries): {}", e.toString());
        }
    }
}
