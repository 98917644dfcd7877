package dev.polyledger.notification.adapter.in.scheduler;

import dev.polyledger.notification.application.port.in.DispatchDeliveriesUseCase;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code notification.dispatch.interval} (default 100 ms) after the previous run ended, so never twice at once:
 * writes the outcomes recorded meanwhile in one batch and starts the retries that came due (first attempts do not
 * wait for it). A failed run is logged; the next one tries again. At stop, the outcomes not yet written are written.
 */
@Singleton
class DispatchTicker {
    private static final Logger LOG = LoggerFactory.getLogger(DispatchTicker.class);
    private final DispatchDeliveriesUseCase dispatch;

    DispatchTicker(DispatchDeliveriesUseCase dispatch) {
        this.dispatch = dispatch;
    }

    @Scheduled(fixedDelay = "${notification.dispatch.interval:100ms}", initialDelay = "1s")
    void tick() {
        try {
            dispatch.dispatchDue();
        } catch (RuntimeException e) {
            LOG.warn("dispatch failed (next tick retries): {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        dispatch.flush();
    }
}
