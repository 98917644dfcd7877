package dev.polyledger.ledger.adapter.in.scheduler;

import dev.polyledger.ledger.application.port.out.OutboxCommitted;
import dev.polyledger.ledger.application.service.OutboxRelay;
import dev.polyledger.ledger.config.LedgerProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives this node's {@link OutboxRelay}: one thread that drains the outbox, then waits until a transaction of this
 * node that appended events commits ({@link OutboxCommitted}, announced in-process after the commit) or {@code
 * ledger.outbox.safety-poll} (default 1 s) passes, whichever comes first, and drains again, at most once per
 * {@code ledger.outbox.coalesce} (default 10 ms). Replaces polling every 50 ms on every node: an idle cluster does
 * not query the outbox 20 times a second per node, a busy one claims as soon as events commit. The safety poll finds
 * what no local commit announced: events of a node whose relay is off or which died before publishing them.
 *
 * <p>Not {@code LISTEN/NOTIFY}: a {@code NOTIFY} in the posting transaction serializes the commits of every
 * notifying transaction in PostgreSQL (measured ~10 times fewer commits per second, see V12).
 *
 * <p>Metrics: {@code ledger.outbox.published} (events this node published), {@code ledger.outbox.publish.failures}
 * (failed attempts, each a batch put back), {@code ledger.outbox.wakeups} (tag {@code cause}: {@code commit} or
 * {@code poll}). A failure to publish is logged at WARN at most once per 30 s, with the number of failures since
 * the previous report, and a recovery at INFO.
 */
@Context
@Requires(property = "ledger.outbox.relay-enabled", notEquals = "false")
@Requires(property = "ledger.background-jobs.enabled", notEquals = "false")
class OutboxRelayLoop {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelayLoop.class);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);

    private final OutboxRelay relay;
    private final Clock clock;
    private final Duration safetyPoll;
    private final Duration coalesce;
    private final Counter published;
    private final Counter byCommit;
    private final Counter byPoll;
    private final Thread thread;
    private volatile boolean running = true;
    private final Semaphore wakeups = new Semaphore(0);
    private long reportedFailures;
    private Instant lastReport = Instant.MIN;
    private boolean failing;

    OutboxRelayLoop(OutboxRelay relay, Clock clock, LedgerProperties properties, MeterRegistry meters) {
        this.relay = relay;
        this.clock = clock;
        this.safetyPoll = properties.outbox().safetyPoll();
        this.coalesce = properties.outbox().coalesce();
        this.published = meters.counter("ledger.outbox.published");
        FunctionCounter.builder("ledger.outbox.publish.failures", relay, OutboxRelay::failures)
                .description("failed attempts to publish a batch of outbox events").register(meters);
        this.byCommit = meters.counter("ledger.outbox.wakeups", "cause", "commit");
        this.byPoll = meters.counter("ledger.outbox.wakeups", "cause", "poll");
        this.thread = new Thread(this::run, "outbox-relay");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** A transaction of this node appended events and committed: wake the relay (cheap; called after commit). */
    @EventListener
    void onCommitted(OutboxCommitted committed) {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }

    private void run() {
        while (running) {
            long started = System.nanoTime();
            try {
                published.increment(relay.drain());
            } catch (RuntimeException e) {
                LOG.warn("the outbox relay failed outside a publish attempt; going on", e);
            }
            report();
            try {
                long spent = (System.nanoTime() - started) / 1_000_000;
                if (spent < coalesce.toMillis()) {
                    Thread.sleep(coalesce.toMillis() - spent);
                }
                awaitWakeup();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    /** Blocks until a commit of this node announced events or the safety poll passes. */
    private void awaitWakeup() throws InterruptedException {
        boolean woken = wakeups.tryAcquire(safetyPoll.toMillis(), TimeUnit.MILLISECONDS);
        wakeups.drainPermits(); // the commits of the wait share this drain
        (woken ? byCommit : byPoll).increment();
    }

    /** Rate-limited log of publish failures (the relay counts them, backs off and retries on its own). */
    private void report() {
        long failures = relay.failures();
        String lastError = relay.lastError();
        Instant now = clock.instant();
        if (failures > reportedFailures && (lastReport.equals(Instant.MIN) || !now.isBefore(lastReport.plus(REPORT_EVERY)))) {
            LOG.warn("publishing outbox events to the broker failed {} time(s) since the last report, last: {}; "
                    + "the events wait in the outbox, the relay retries with back-off", failures - reportedFailures,
                    lastError == null ? "(recovered since)" : lastError);
            reportedFailures = failures;
            lastReport = now;
            failing = true;
        } else if (failing && lastError == null) {
            LOG.info("publishing outbox events to the broker works again");
            failing = false;
        }
    }
}
