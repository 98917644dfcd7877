package dev.polyledger.ledger.adapter.in.scheduler;

import dev.polyledger.ledger.application.service.OutboxRelay;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this node's outbox relay: drains the outbox every {@code ledger.outbox.poll-interval} (default 50 ms),
 * prunes published events every minute, and samples the backlog every 5 s for the metrics
 * {@code ledger.outbox.backlog} (events) and {@code ledger.outbox.oldest.age} (seconds), and the counter
 * {@code ledger.outbox.published}.
 */
@Singleton
@Requires(property = "ledger.outbox.relay-enabled", notEquals = "false")
@Requires(property = "ledger.background-jobs.enabled", notEquals = "false")
class OutboxRelayJob {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelayJob.class);
    private final OutboxRelay relay;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private final io.micrometer.core.instrument.Counter published;

    OutboxRelayJob(OutboxRelay relay, MeterRegistry meters) {
        this.relay = relay;
        Gauge.builder("ledger.outbox.backlog", backlog, AtomicLong::get).description("unpublished outbox events").register(meters);
        Gauge.builder("ledger.outbox.oldest.age", oldestAgeMillis, v -> v.get() / 1000.0).baseUnit("seconds")
                .description("age of the oldest unpublished outbox event").register(meters);
        this.published = meters.counter("ledger.outbox.published");
    }

    @Scheduled(fixedDelay = "${ledger.outbox.poll-interval:50ms}", initialDelay = "1s")
    void drain() {
        published.increment(relay.drain());
    }

    @Scheduled(fixedDelay = "5s", initialDelay = "2s")
    void sample() {
        try {
            var status = relay.status();
            backlog.set(status.backlog());
            oldestAgeMillis.set(status.oldestAge().toMillis());
        } catch (RuntimeException e) {
            LOG.debug("sampling the outbox failed", e);
        }
    }

    @Scheduled(fixedDelay = "1m", initialDelay = "30s")
    void prune() {
        try {
            int pruned = relay.prunePublished();
            if (pruned > 0) {
                LOG.info("pruned {} published outbox events", pruned);
            }
        } catch (RuntimeException e) {
            LOG.warn("pruning the outbox failed; will try again", e);
        }
    }
}
