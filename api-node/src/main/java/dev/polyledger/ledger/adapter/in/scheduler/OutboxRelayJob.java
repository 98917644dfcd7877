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
 * Samples this node's view of the outbox every 5 s for the metrics {@code ledger.outbox.backlog} (events) and
 * {@code ledger.outbox.oldest.age} (seconds). The relay itself runs in {@link OutboxRelayLoop}; published events
 * are deleted as they are published, so there is nothing to prune.
 */
@Singleton
@Requires(property = "ledger.outbox.relay-enabled", notEquals = "false")
@Requires(property = "ledger.background-jobs.enabled", notEquals = "false")
class OutboxRelayJob {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelayJob.class);
    private final OutboxRelay relay;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();

    OutboxRelayJob(OutboxRelay relay, MeterRegistry meters) {
        this.relay = relay;
        Gauge.builder("ledger.outbox.backlog", backlog, AtomicLong::get).description("unpublished outbox events").register(meters);
        Gauge.builder("ledger.outbox.oldest.age", oldestAgeMillis, v -> v.get() / 1000.0).baseUnit("seconds")
                .description("age of the oldest unpublished outbox event").register(meters);
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
}
