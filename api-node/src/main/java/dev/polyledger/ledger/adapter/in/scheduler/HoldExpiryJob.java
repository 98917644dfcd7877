package dev.polyledger.ledger.adapter.in.scheduler;

import dev.polyledger.ledger.application.port.in.HoldUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Eager expiry of holds (api-contract.md, "Holds"): every {@code ledger.holds.sweep-every} (default 1 s) each node
 * expires the pending holds past their {@code expiresAt}, {@code ledger.holds.sweep-batch} (default 500) per
 * transaction, until none is left. Several nodes share the work: a hold locked by one sweeper is skipped by the
 * others ({@code FOR UPDATE SKIP LOCKED}), and an expired hold is no longer pending, so none is expired twice.
 */
@Singleton
@Requires(property = "ledger.background-jobs.enabled", notEquals = "false")
class HoldExpiryJob {
    private static final Logger LOG = LoggerFactory.getLogger(HoldExpiryJob.class);
    private final HoldUseCase holds;
    private final int batch;

    HoldExpiryJob(HoldUseCase holds, @Value("${ledger.holds.sweep-batch:500}") int batch) {
        this.holds = holds;
        this.batch = batch;
    }

    @Scheduled(fixedDelay = "${ledger.holds.sweep-every:1s}", initialDelay = "2s")
    void sweep() {
        try {
            int total = 0;
            int expired;
            do {
                expired = holds.expireDue(batch);
                total += expired;
            } while (expired == batch);
            if (total > 0) {
                LOG.info("expired {} hold(s)", total);
            }
        } catch (RuntimeException e) {
            LOG.warn("expiring holds failed; will try again", e);
        }
    }
}
