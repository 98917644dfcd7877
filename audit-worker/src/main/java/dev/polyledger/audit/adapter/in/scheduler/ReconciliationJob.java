package dev.polyledger.audit.adapter.in.scheduler;

import dev.polyledger.audit.application.port.in.ReconcileUseCase;
import dev.polyledger.audit.application.port.in.TimeWindow;
import dev.polyledger.audit.config.AuditProperties;
import dev.polyledger.audit.domain.Reconciliation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles the recent past continuously: every {@code audit.reconciliation.every} (60 s) the window
 * {@code [now - look-back, now - settle)} ({@code [now-3min, now-1min)}) of every tenant, and every
 * {@code audit.reconciliation.conservation-every} (10 min) the conservation of money over the whole ledger, exported as
 * gauges (Prometheus names):
 * <ul>
 *   <li>{@code ledger_reconciliation_missing{tenant}}: transfers of the last window without an audit snapshot;</li>
 *   <li>{@code ledger_reconciliation_mismatched{tenant}}: snapshots that differ from the ledger;</li>
 *   <li>{@code ledger_conservation_imbalance{currency}}: the signed sum of every entry, minor units, 0 when healthy;</li>
 *   <li>{@code ledger_reconciliation_runs_total{outcome="ok|failed"}}: runs of either check, a failed one (ledger or MongoDB out of
 *       reach) leaving the gauges at their last values.</li>
 * </ul>
 * Cost per run: per tenant and per one-minute slice of the window, one indexed range read on each side (at 200
 * transfers/s a slice is 12,000 transfers; on the dev-mongo stand-in, which has no secondary indexes, each read is a
 * scan of the whole trail); the conservation check is one aggregate over the {@code entry} table. Off with
 * {@code AUDIT_RECONCILIATION_ENABLED=false}. A window overlaps the previous one on purpose (a late event clears a
 * {@code missing} on the next run).
 */
@Singleton
@Requires(property = "audit.reconciliation.enabled", notEquals = "false")
class ReconciliationJob {
    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationJob.class);

    private final ReconcileUseCase reconcile;
    private final AuditProperties.Reconciliation settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, AtomicLong> missing = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> mismatched = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> imbalance = new ConcurrentHashMap<>();
    private final Counter ok;
    private final Counter failed;

    ReconciliationJob(ReconcileUseCase reconcile, AuditProperties.Reconciliation settings, Clock clock,
                      MeterRegistry meters) {
        this.reconcile = reconcile;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        this.ok = Counter.builder("ledger.reconciliation.runs").tag("outcome", "ok").register(meters);
        this.failed = Counter.builder("ledger.reconciliation.runs").tag("outcome", "failed").register(meters);
    }

    @Scheduled(initialDelay = "${audit.reconciliation.every:60s}", fixedDelay = "${audit.reconciliation.every:60s}")
    void run() {
        Instant now = clock.instant();
        TimeWindow window = new TimeWindow(now.minus(settings.lookBack()), now.minus(settings.settle()));
        try {
            for (String tenant : reconcile.tenants()) {
                Reconciliation result = reconcile.reconcile(tenant, window);
                gauge(missing, "ledger.reconciliation.missing", "tenant", tenant).set(result.missing().size());
                gauge(mismatched, "ledger.reconciliation.mismatched", "tenant", tenant).set(result.mismatched().size());
                if (!result.clean()) {
                    LOG.warn("reconciliation of tenant {} over {}..{}: {} missing {}, {} mismatched {}{}", tenant,
                            window.from(), window.to(), result.missing().size(), result.missing(),
                            result.mismatched().size(), result.mismatched(), result.truncated() ? " (truncated)" : "");
                }
            }
            ok.increment();
        } catch (RuntimeException e) {
            failed.increment();
            LOG.warn("reconciliation over {}..{} failed (gauges keep their last values): {}", window.from(),
                    window.to(), e.toString());
        }
    }

    /**
     * The conservation of money over the whole ledger, on its own period ({@code audit.reconciliation.conservation-every},
     * 10 min): one aggregate over every entry, ~1 s per 2 million entries (measured on a loaded 2-core machine).
     */
    @Scheduled(initialDelay = "${audit.reconciliation.every:60s}",
            fixedDelay = "${audit.reconciliation.conservation-every:10m}")
    void checkConservation() {
        try {
            reconcile.conservationImbalance().forEach((currency, sum) -> {
                gauge(imbalance, "ledger.conservation.imbalance", "currency", currency).set(sum);
                if (sum != 0) {
                    LOG.error("money is not conserved: the entries of {} sum to {} minor units", currency, sum);
                }
            });
            ok.increment();
        } catch (RuntimeException e) {
            failed.increment();
            LOG.warn("conservation check failed (gauges keep their last values): {}", e.toString());
        }
    }

    private AtomicLong gauge(Map<String, AtomicLong> gauges, String name, String tag, String value) {
        return gauges.computeIfAbsent(value, v -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder(name, holder, AtomicLong::get).tag(tag, v).register(meters);
            return holder;
        });
    }
}
