package dev.polyledger.ledger.adapter.in.scheduler;

import dev.polyledger.ledger.application.service.IdempotencyService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired idempotency records in small batches, so the table holds about one retention period of
 * keys. Every node runs it; concurrent deletes of the same rows are harmless.
 */
@Singleton
@Requires(property = "ledger.background-jobs.enabled", notEquals = "false")
class IdempotencyPruningJob {
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyPruningJob.class);
    private static final int BATCH = 1_000;
    private final IdempotencyService idempotency;

    IdempotencyPruningJob(IdempotencyService idempotency) {
        this.idempotency = idempotency;
    }

    @Scheduled(fixedDelay = "${ledger.idempotency.prune-every:5m}", initialDelay = "1m")
    void prune() {
        try {
            int total = 0;
            int deleted;
            do {
                deleted = idempotency.pruneExpired(BATCH);
                total += deleted;
            } while (deleted == BATCH);
            if (total > 0) {
                LOG.info("pruned {} expired idempotency keys", total);
            }
        } catch (RuntimeException e) {
            LOG.warn("pruning expired idempotency keys failed; will try again", e);
        }
    }
}
