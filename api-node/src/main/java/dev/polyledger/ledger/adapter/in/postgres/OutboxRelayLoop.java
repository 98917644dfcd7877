package dev.polyledger.ledger.adapter.in.postgres;

import dev.polyledger.ledger.application.service.OutboxRelay;
import dev.polyledger.ledger.config.LedgerProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives this node's {@link OutboxRelay}: one thread that drains the outbox, then waits on {@code LISTEN
 * ledger_outbox} until a commit that appended events notifies (the trigger of V12) or {@code
 * ledger.outbox.safety-poll} (default 1 s) passes, whichever comes first, and drains again, at most once per
 * {@code ledger.outbox.coalesce} (default 10 ms). Replaces polling every 50 ms on every node: an idle cluster
 * does not query the outbox 20 times a second per node, a busy one claims as soon as events commit.
 *
 * <p>The listening connection is one of the pool's, held for as long as it works; when it breaks (the database
 * restarted), the relay keeps draining at the safety-poll pace and listens again on a new one. A notification
 * sent while no connection listened is not redelivered: the safety poll finds its events.
 *
 * <p>Metrics: {@code ledger.outbox.published} (events this node published), {@code ledger.outbox.publish.failures}
 * (failed attempts, each a batch put back), {@code ledger.outbox.wakeups} (tag {@code cause}: {@code notify} or
 * {@code poll}). A failure to publish is logged at WARN at most once per 30 s, with the number of failures since
 * the previous report, and a recovery at INFO.
 */
@Context
@Requires(property = "ledger.outbox.relay-enabled", notEquals = "false")
@Requires(property = "ledger.background-jobs.enabled", notEquals = "false")
class OutboxRelayLoop {
    /** The channel the trigger of V12 notifies. */
    static final String CHANNEL = "ledger_outbox";
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelayLoop.class);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);

    private final OutboxRelay relay;
    private final DataSource dataSource;
    private final Clock clock;
    private final Duration safetyPoll;
    private final Duration coalesce;
    private final Counter published;
    private final Counter byNotify;
    private final Counter byPoll;
    private final Thread thread;
    private volatile boolean running = true;
    private Connection listening;
    private long reportedFailures;
    private Instant lastReport = Instant.MIN;
    private boolean failing;

    /**
     * @param resolver unwraps the application's transaction-aware {@code DataSource} proxy into the pool, for the
     *                 listening connection (LISTEN outside any transaction of the application)
     */
    OutboxRelayLoop(OutboxRelay relay, DataSource dataSource, @Nullable DataSourceResolver resolver, Clock clock,
                    LedgerProperties properties, MeterRegistry meters) {
        this.relay = relay;
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
        this.clock = clock;
        this.safetyPoll = properties.outbox().safetyPoll();
        this.coalesce = properties.outbox().coalesce();
        this.published = meters.counter("ledger.outbox.published");
        FunctionCounter.builder("ledger.outbox.publish.failures", relay, OutboxRelay::failures)
                .description("failed attempts to publish a batch of outbox events").register(meters);
        this.byNotify = meters.counter("ledger.outbox.wakeups", "cause", "notify");
        this.byPoll = meters.counter("ledger.outbox.wakeups", "cause", "poll");
        this.thread = new Thread(this::run, "outbox-relay");
        this.thread.setDaemon(true);
        this.thread.start();
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
        closeListener();
    }

    /** Blocks until a notification or the safety poll; on a broken connection, the safety poll by sleeping. */
    private void awaitWakeup() throws InterruptedException {
        try {
            if (listening == null) {
                listening = dataSource.getConnection();
                listening.setAutoCommit(true);
                try (var st = listening.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
            }
            var notifications = listening.unwrap(PGConnection.class).getNotifications((int) safetyPoll.toMillis());
            (notifications != null && notifications.length > 0 ? byNotify : byPoll).increment();
        } catch (SQLException e) {
            if (!running) {
                return;
            }
            LOG.warn("listening for outbox notifications failed ({}); polling every {} until it works again",
                    e.getMessage(), safetyPoll);
            closeListener();
            byPoll.increment();
            Thread.sleep(safetyPoll.toMillis());
        }
    }

    private void closeListener() {
        if (listening != null) {
            try {
                listening.close();
            } catch (SQLException ignored) {
                // a broken connection: the pool discards it
            }
            listening = null;
        }
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
