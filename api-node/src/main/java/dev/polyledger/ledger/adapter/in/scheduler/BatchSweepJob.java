package dev.polyledger.ledger.adapter.in.scheduler;

import dev.polyledger.ledger.application.port.in.IndependentBatches;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resumes INDEPENDENT batches that made no progress for a while (their chunk was lost between a commit and its
 * enqueue, or the broker was away when the batch was accepted): {@link IndependentBatches#resumeStalled}. Every node
 * runs it; a chunk enqueued twice is processed once (posted items are skipped).
 */
@Singleton
@Requires(property = "ledger.background-jobs.enabled", notEquals = "false")
class BatchSweepJob {
    private static final Logger LOG = LoggerFactory.getLogger(BatchSweepJob.class);
    private final IndependentBatches batches;

    BatchSweepJob(IndependentBatches batches) {
        this.batches = batches;
    }

    @Scheduled(fixedDelay = "${ledger.batches.sweep-every:15s}", initialDelay = "15s")
    void sweep() {
        try {
            int resumed = batches.resumeStalled();
            if (resumed > 0) {
                LOG.info("resumed {} stalled batch(es)", resumed);
            }
        } catch (RuntimeException e) {
            LOG.warn("sweeping stalled batches failed; will try again", e);
        }
    }
}
