package dev.polyledger.ledger.adapter.in.scheduler;

import dev.polyledger.ledger.application.service.TableUpkeep;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link TableUpkeep} whatever the database server's autovacuum setting: the outbox every
 * {@code ledger.upkeep.outbox-every} (default 10 s), the idempotency keys, balances, holds, batches, transfers and
 * entries every
 * {@code ledger.upkeep.tables-every} (default 5 min). Every node runs it; a node skips a table another one is
 * vacuuming. Timed as {@code ledger.upkeep.vacuum} (tag {@code tables}: {@code outbox} or {@code others}).
 */
@Singleton
@Requires(property = "ledger.background-jobs.enabled", notEquals = "false")
class TableUpkeepJob {
    private static final Logger LOG = LoggerFactory.getLogger(TableUpkeepJob.class);
    private final TableUpkeep upkeep;
    private final Timer outboxTimer;
    private final Timer othersTimer;

    TableUpkeepJob(TableUpkeep upkeep, MeterRegistry meters) {
        this.upkeep = upkeep;
        this.outboxTimer = Timer.builder("ledger.upkeep.vacuum").tag("tables", "outbox").register(meters);
        this.othersTimer = Timer.builder("ledger.upkeep.vacuum").tag("tables", "others").register(meters);
    }

    @Scheduled(fixedDelay = "${ledger.upkeep.outbox-every:10s}", initialDelay = "5s")
    void outbox() {
        try {
            outboxTimer.record(upkeep::outbox);
        } catch (RuntimeException e) {
            LOG.warn("vacuuming the outbox failed; will try again: {}", e.getMessage());
        }
    }

    @Scheduled(fixedDelay = "${ledger.upkeep.tables-every:5m}", initialDelay = "90s")
    void others() {
        try {
            othersTimer.record(upkeep::others);
        } catch (RuntimeException e) {
            LOG.warn("vacuuming the churned tables failed; will try again: {}", e.getMessage());
        }
    }
}
