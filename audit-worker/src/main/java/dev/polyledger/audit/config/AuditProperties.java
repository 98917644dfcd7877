package dev.polyledger.audit.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The {@code audit.*} settings of the worker (application.yml; each overridable by the environment variable named
 * there). Micronaut binds durations ({@code 100ms}, {@code 5s}, {@code 2m}); a value that does not bind or breaks a
 * constraint stops the start, naming the setting. The record is created with the context ({@link Context}), so that
 * happens at start, not at first use.
 *
 * @param mongodb  the worker's database
 * @param consumer how the {@code audit} queue is consumed and written
 * @param query    how much one audit query may cost
 * @param reconciliation the reconciliation with the ledger and the rebuild of the trail
 */
@Context
@ConfigurationProperties("audit")
public record AuditProperties(@NotNull Mongodb mongodb, @NotNull Consumer consumer, @NotNull Query query,
                              @NotNull Reconciliation reconciliation) {

    /**
     * The reconciliation of the audit trail with the ledger ({@code GET /api/v1/audit/reconciliation}), the rebuild
     * ({@code POST /api/v1/audit/rebuild}) and the scheduled check.
     *
     * @param enabled          whether the scheduled check runs ({@code AUDIT_RECONCILIATION_ENABLED}, default true)
     * @param every            the check's period, 10s..1h ({@code AUDIT_RECONCILIATION_EVERY}, default 60s)
     * @param conservationEvery the period of the conservation check over the whole ledger (one aggregate over every
     *                         entry), 10s..24h ({@code AUDIT_CONSERVATION_EVERY}, default 10m)
     * @param lookBack         the check's window starts this long before now, 1m..24h (default 3m: with the 60 s period
     *                         and 1m settle, each run reads 2 minutes and overlaps the previous run by one)
     * @param settle           and ends this long before now, so that events still on their way (outbox relay, audit
     *                         queue, batching) are not reported missing; 0..lookBack (default 1m)
     * @param maxWindow        the longest window one request may ask, 1m..31d ({@code AUDIT_RECONCILIATION_MAX_WINDOW},
     *                         default 24h); longer: 400 VALIDATION_FAILED
     * @param slice            windows are read in slices this long, 1s..1h (default 1m): memory holds one slice, in
     *                         this worker and in MongoDB's answer (a slice of 10 minutes at 200 transfers/s is 120,000
     *                         snapshots, more than the dev-mongo stand-in's heap: it held every match of a query)
     * @param maxIds           the most ids per list of one answer, 1..10000 (default 1000); beyond: {@code truncated}
     * @param statementTimeout the longest one ledger read may run, 1s..10m (default 30s)
     * @throws IllegalArgumentException when a value is out of its range
     */
    @ConfigurationProperties("reconciliation")
    public record Reconciliation(@Bindable(defaultValue = "true") boolean enabled,
                                 @NotNull @Bindable(defaultValue = "60s") Duration every,
                                 @NotNull @Bindable(defaultValue = "10m") Duration conservationEvery,
                                 @NotNull @Bindable(defaultValue = "3m") Duration lookBack,
                                 @NotNull @Bindable(defaultValue = "1m") Duration settle,
                                 @NotNull @Bindable(defaultValue = "24h") Duration maxWindow,
                                 @NotNull @Bindable(defaultValue = "1m") Duration slice,
                                 @Min(1) @Max(10_000) @Bindable(defaultValue = "1000") int maxIds,
                                 @NotNull @Bindable(defaultValue = "30s") Duration statementTimeout) {
        public Reconciliation {
            within("every", every, Duration.ofSeconds(10), Duration.ofHours(1));
            within("conservation-every", conservationEvery, Duration.ofSeconds(10), Duration.ofHours(24));
            within("look-back", lookBack, Duration.ofMinutes(1), Duration.ofHours(24));
            within("settle", settle, Duration.ZERO, lookBack == null ? Duration.ofHours(24) : lookBack.minusMillis(1));
            within("max-window", maxWindow, Duration.ofMinutes(1), Duration.ofDays(31));
            within("slice", slice, Duration.ofSeconds(1), Duration.ofHours(1));
            within("statement-timeout", statementTimeout, Duration.ofSeconds(1), Duration.ofMinutes(10));
        }

        private static void within(String name, Duration value, Duration min, Duration max) {
            if (value != null && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
                throw new IllegalArgumentException("audit.reconciliation." + name + " must be " + min + ".." + max
                        + ", was " + value);
            }
        }
    }

    /**
     * Bounds of one {@code GET /api/v1/audit/events} (issue 14: one unfiltered query over the whole history took the
     * store down).
     *
     * @param defaultWindow the time window of a query with neither {@code from} nor {@code accountId} nor
     *                      {@code transferId}: {@code [to - window, to)}, {@code to} defaulting to now; 1m..31d
     *                      ({@code AUDIT_QUERY_DEFAULT_WINDOW}, default 24h)
     * @param maxTime       the server-side time limit of one query ({@code maxTimeMS}), 100ms..60s; a query that
     *                      exceeds it answers 503 ({@code AUDIT_QUERY_MAX_TIME}, default 10s)
     * @throws IllegalArgumentException when a value is out of its range
     */
    @ConfigurationProperties("query")
    public record Query(@NotNull @Bindable(defaultValue = "24h") Duration defaultWindow,
                        @NotNull @Bindable(defaultValue = "10s") Duration maxTime) {
        public Query {
            if (defaultWindow != null && (defaultWindow.compareTo(Duration.ofMinutes(1)) < 0
                    || defaultWindow.compareTo(Duration.ofDays(31)) > 0)) {
                throw new IllegalArgumentException("audit.query.default-window (AUDIT_QUERY_DEFAULT_WINDOW) must be "
                        + "1m..31d, was " + defaultWindow);
            }
            if (maxTime != null && (maxTime.compareTo(Duration.ofMillis(100)) < 0
                    || maxTime.compareTo(Duration.ofSeconds(60)) > 0)) {
                throw new IllegalArgumentException("audit.query.max-time (AUDIT_QUERY_MAX_TIME) must be 100ms..60s, was "
                        + maxTime);
            }
        }
    }

    /** @param database the MongoDB database ({@code AUDIT_MONGODB_DATABASE}, default {@code audit}) */
    @ConfigurationProperties("mongodb")
    public record Mongodb(@NotBlank @Bindable(defaultValue = "audit") String database) {
    }

    /**
     * @param count consumers (channels) of the {@code audit} queue, 1..16 ({@code AUDIT_CONSUMERS}, default 1; read by
     *              the listener's annotation, listed here to be checked)
     * @param batch how deliveries are gathered into one write
     * @param retry the back-off of a write that failed
     */
    @ConfigurationProperties("consumer")
    public record Consumer(@Min(1) @Max(16) @Bindable(defaultValue = "1") int count, @NotNull Batch batch,
                           @NotNull Retry retry) {

        /** The longest {@link Batch#maxWait()} allowed. */
        public static final Duration MAX_BATCH_WAIT = Duration.ofSeconds(10);

        /**
         * @param size    most messages per MongoDB write, 1..250: the consumers' prefetch, so that a batch can fill
         *                ({@code AUDIT_BATCH_SIZE}, default 100)
         * @param maxWait how long a batch waits for more messages after its first arrived, 0..10s; 0: only what is
         *                waiting already ({@code AUDIT_BATCH_WAIT}, default 100ms)
         * @throws IllegalArgumentException when {@code maxWait} is out of its range
         */
        @ConfigurationProperties("batch")
        public record Batch(@Min(1) @Max(250) @Bindable(defaultValue = "100") int size,
                            @NotNull @Bindable(defaultValue = "100ms") Duration maxWait) {
            public Batch {
                if (maxWait != null && (maxWait.isNegative() || maxWait.compareTo(MAX_BATCH_WAIT) > 0)) {
                    throw new IllegalArgumentException("audit.consumer.batch.max-wait (AUDIT_BATCH_WAIT) must be 0.."
                            + MAX_BATCH_WAIT.toSeconds() + "s, was " + maxWait);
                }
            }
        }

        /**
         * @param initialBackoff wait after the first failed delivery of a message, > 0 (default 1s); doubled per
         *                       earlier delivery
         * @param maxBackoff     longest wait, >= initialBackoff (default 30s)
         */
        @ConfigurationProperties("retry")
        public record Retry(@NotNull @Bindable(defaultValue = "1s") Duration initialBackoff,
                            @NotNull @Bindable(defaultValue = "30s") Duration maxBackoff) {
        }
    }
}
