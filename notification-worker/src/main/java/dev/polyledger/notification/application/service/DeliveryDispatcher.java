package dev.polyledger.notification.application.service;

import dev.polyledger.notification.application.port.in.DispatchDeliveriesUseCase;
import dev.polyledger.notification.application.port.out.Deliveries;
import dev.polyledger.notification.application.port.out.DeliveryMetrics;
import dev.polyledger.notification.application.port.out.Jitter;
import dev.polyledger.notification.application.port.out.Subscriptions;
import dev.polyledger.notification.application.port.out.WebhookMessage;
import dev.polyledger.notification.application.port.out.WebhookSender;
import dev.polyledger.notification.application.service.DueDeliveries.Due;
import dev.polyledger.notification.domain.AttemptResult;
import dev.polyledger.notification.domain.Delivery;
import dev.polyledger.notification.domain.Subscription;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the deliveries from an in-memory due-queue ({@link DueDeliveries}); MongoDB ({@link Deliveries}) is the
 * durable record, written in batches, never polled for work.
 *
 * <ul>
 *   <li><b>New deliveries</b> come from the {@link DeliveryScheduler} once they are stored ({@link #enqueue}): the
 *       first attempt starts at once, on the caller's thread, when the in-flight limits allow.</li>
 *   <li><b>Outcomes</b> ({@link Delivery#after}): the new state is kept in memory and written with the others of the
 *       last tick in one batch ({@link #dispatchDue}, every {@code notification.dispatch.interval}); a retry goes back
 *       into the due-queue at its {@code nextAttemptAt}; a finished attempt frees its slot and starts the next due
 *       delivery at once. A 410 also disables the subscription.</li>
 *   <li><b>Restart</b>: the first {@link #dispatchDue} reads the PENDING deliveries created before this dispatcher
 *       existed (an earlier process's) into the due-queue, and tries again at the next tick while MongoDB does not
 *       answer. A delivery attempted by an earlier process whose outcome was not yet written is attempted again:
 *       at-least-once, with the same {@code webhook-id}.</li>
 *   <li><b>Subscriptions</b> are read at most once per {@value #SUBSCRIPTION_FRESHNESS_MILLIS} ms each (the
 *       scheduler's fresh read counts): a deleted or disabled subscription gets no attempt once that time has passed
 *       (its delivery is dead-lettered unsent), and one this worker disabled (410) gets none at all. While the
 *       subscription cannot be read (MongoDB down), its delivery waits {@value #STORE_RETRY_MILLIS} ms and no
 *       attempt is spent.</li>
 * </ul>
 * One worker process owns the deliveries it schedules: several processes on one database would each resume all
 * PENDING deliveries at start (duplicates, never losses).
 *
 * <p>An attempt carries the event id (the {@code webhook-id}, the same on every attempt), its own time and the
 * secrets signing at that time ({@link Subscription#signingSecrets}); the {@link WebhookSender} makes the request.
 */
@Singleton
public class DeliveryDispatcher implements DispatchDeliveriesUseCase {
    static final long SUBSCRIPTION_FRESHNESS_MILLIS = 1000;
    static final long STORE_RETRY_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final Deliveries deliveries;
    private final Subscriptions subscriptions;
    private final WebhookSender sender;
    private final DispatchSettings settings;
    private final Clock clock;
    private final Jitter jitter;
    private final DeliveryMetrics metrics;
    private final TenantSubscriptions tenantSubscriptions;
    private final DispatchStarter starter;
    private final InFlightAttempts inFlight;
    private final DueDeliveries due = new DueDeliveries();
    /** Outcomes not yet written, by delivery id: a later state of a delivery replaces an earlier one. */
    private final Map<String, Delivery> unwritten = new LinkedHashMap<>();
    private final Map<String, Read> subscriptionReads = new ConcurrentHashMap<>();
    private final Set<String> goneHere = ConcurrentHashMap.newKeySet();
    /** Set while this thread runs {@link #startDue}: an attempt that completes on it does not start a nested run. */
    private final ThreadLocal<Boolean> starting = ThreadLocal.withInitial(() -> false);
    private final Instant createdAt;
    private volatile boolean resumed;

    private record Read(Optional<Subscription> subscription, Instant at) {
    }

    /**
     * @param tenantSubscriptions the scheduler's reads, told when a 410 disables a subscription
     * @param starter             runs the start of new deliveries' attempts off the consumer's thread (the worker's
     *                            {@code DispatchStarter}: one thread), so that consuming waits for no HTTP work
     */
    public DeliveryDispatcher(Deliveries deliveries, Subscriptions subscriptions, WebhookSender sender,
                              DispatchSettings settings, Clock clock, Jitter jitter, DeliveryMetrics metrics,
                              TenantSubscriptions tenantSubscriptions, DispatchStarter starter) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.settings = settings;
        this.clock = clock;
        this.jitter = jitter;
        this.metrics = metrics;
        this.tenantSubscriptions = tenantSubscriptions;
        this.starter = starter;
        this.inFlight = new InFlightAttempts(settings.maxInFlight(), settings.maxInFlightPerSubscription());
        this.createdAt = now();
    }

    /**
     * Queues deliveries just stored and starts those the limits allow.
     *
     * @param stored        new PENDING deliveries, due now
     * @param subscriptions the subscriptions they go to, as read at {@code readAt}
     * @param occurredAt    the event's commit time, or null
     */
    void enqueue(List<Delivery> stored, List<Subscription> subscriptions, Instant readAt, Instant occurredAt) {
        for (Subscription subscription : subscriptions) {
            subscriptionReads.put(subscription.id(), new Read(Optional.of(subscription), readAt));
        }
        for (Delivery delivery : stored) {
            due.add(new Due(delivery, occurredAt));
        }
        starter.execute(this::startDue);
    }

    @Override
    public int dispatchDue() {
        resumeOnce();
        flush();
        return startDue();
    }

    @Override
    public void flush() {
        List<Delivery> batch;
        synchronized (unwritten) {
            if (unwritten.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(unwritten.values());
            unwritten.clear();
        }
        try {
            deliveries.updateAll(batch);
        } catch (RuntimeException e) {
            synchronized (unwritten) {
                for (Delivery delivery : batch) {
                    unwritten.putIfAbsent(delivery.id(), delivery);
                }
            }
            LOG.warn("could not write {} delivery outcomes (kept, written at the next tick): {}", batch.size(),
                    e.toString());
        }
    }

    private synchronized void resumeOnce() {
        if (resumed) {
            return;
        }
        try {
            List<Delivery> pending = deliveries.pendingCreatedBefore(createdAt);
            int queued = 0;
            for (Delivery delivery : pending) {
                if (due.add(new Due(delivery, null))) {
                    queued++;
                }
            }
            resumed = true;
            LOG.info("resumed {} PENDING deliveries of an earlier process", queued);
        } catch (RuntimeException e) {
            LOG.warn("could not read the PENDING deliveries of an earlier process (next tick tries again): {}",
                    e.toString());
        }
    }

    private int startDue() {
        if (starting.get()) {
            return 0;
        }
        starting.set(true);
        try {
            int started = 0;
            List<Due> taken;
            while (!(taken = due.takeDue(clock.instant(), inFlight)).isEmpty()) {
                for (Due next : taken) {
                    if (start(next)) {
                        started++;
                    }
                }
            }
            return started;
        } finally {
            starting.set(false);
        }
    }

    /** Starts the attempt of a delivery taken from the queue (counted in flight); false when none was made. */
    private boolean start(Due taken) {
        Delivery delivery = taken.delivery();
        Optional<Subscription> subscription;
        try {
            subscription = subscription(delivery);
        } catch (RuntimeException e) {
            due.requeue(new Due(delivery.postponed(now().plusMillis(STORE_RETRY_MILLIS)), taken.occurredAt()));
            inFlight.finished(delivery.subscriptionId());
            LOG.warn("delivery {} postponed: its subscription could not be read: {}", delivery.id(), e.toString());
            return false;
        }
        if (subscription.isEmpty() || subscription.get().status() != Subscription.Status.ENABLED
                || goneHere.contains(delivery.subscriptionId())) {
            settle(delivery.abandoned(subscription.isEmpty() ? "subscription deleted" : "subscription disabled"));
            inFlight.finished(delivery.subscriptionId());
            return false;
        }
        Instant now = clock.instant();
        var message = new WebhookMessage(subscription.get().url(), delivery.eventId(), now, delivery.body(),
                subscription.get().signingSecrets(now));
        CompletableFuture<AttemptResult> attempt;
        try {
            attempt = sender.send(message, settings.timeout());
        } catch (RuntimeException e) {
            attempt = CompletableFuture.completedFuture(AttemptResult.failed(e.toString()));
        }
        attempt.exceptionally(e -> AttemptResult.failed(e.toString()))
                .thenAccept(result -> finished(taken, result));
        return true;
    }

    /** The subscription of the delivery, in the delivery's tenant; read from the store when not read lately. */
    private Optional<Subscription> subscription(Delivery delivery) {
        String id = delivery.subscriptionId();
        Instant now = clock.instant();
        Read read = subscriptionReads.get(id);
        if (read == null || read.at().plusMillis(SUBSCRIPTION_FRESHNESS_MILLIS).isBefore(now)) {
            read = new Read(subscriptions.find(delivery.tenantId(), id), now);
            subscriptionReads.put(id, read);
        }
        return read.subscription().filter(s -> s.belongsTo(delivery.tenantId()));
    }

    private void finished(Due taken, AttemptResult result) {
        Delivery delivery = taken.delivery();
        try {
            Instant now = now();
            Delivery next = delivery.after(result, now, settings.schedule(), jitter::fraction);
            if (result.gone()) {
                goneHere.add(delivery.subscriptionId());
                try {
                    subscriptions.disable(delivery.subscriptionId());
                    tenantSubscriptions.changed(delivery.tenantId());
                } catch (RuntimeException e) {
                    LOG.warn("could not disable subscription {} after 410 (this worker sends it nothing more): {}",
                            delivery.subscriptionId(), e.toString());
                }
            }
            switch (next.status()) {
                case DELIVERED -> {
                    record(next);
                    due.forget(next.id());
                    metrics.delivered(taken.occurredAt() == null ? null : Duration.between(taken.occurredAt(), now));
                }
                case PENDING -> {
                    record(next);
                    due.requeue(new Due(next, taken.occurredAt()));
                    metrics.retried();
                }
                case DEAD_LETTERED -> {
                    settle(next);
                    LOG.warn("delivery {} dead-lettered after {} attempts: {}", next.id(), next.attempts(),
                            next.lastError());
                }
            }
        } finally {
            inFlight.finished(delivery.subscriptionId());
        }
        startDue();
    }

    private void settle(Delivery deadLettered) {
        record(deadLettered);
        due.forget(deadLettered.id());
        metrics.deadLettered();
    }

    private void record(Delivery state) {
        synchronized (unwritten) {
            unwritten.put(state.id(), state);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
