package dev.polyledger.notification.application.service;

import dev.polyledger.notification.application.port.out.Deliveries;
import dev.polyledger.notification.application.port.out.Subscriptions;
import dev.polyledger.notification.application.port.out.WebhookSender;
import dev.polyledger.notification.domain.AttemptResult;
import dev.polyledger.notification.domain.Delivery;
import dev.polyledger.notification.domain.InvalidSubscriptionException;
import dev.polyledger.notification.domain.Subscription;
import dev.polyledger.notification.domain.UrlPolicy;
import dev.polyledger.notification.domain.WebhookSignature;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the due deliveries of the persisted schedule. Each {@link #dispatchDue()} leases due PENDING deliveries one
 * by one (a lease hides a delivery from every worker until it expires, so several workers and a restart are safe:
 * a worker that dies mid-attempt leaves it to be retried when the lease runs out — at-least-once) and starts their
 * attempts without waiting for them, within {@link DispatchSettings#maxInFlight()} in all and
 * {@link DispatchSettings#maxInFlightPerSubscription()} per subscription, so one slow endpoint cannot hold up the
 * others. Each attempt's outcome is written back as the delivery's new state ({@link Delivery#after}); a 410 also
 * disables the subscription.
 *
 * <p>The request (Standard Webhooks): {@code POST} of the envelope JSON, {@code webhook-id} = event id (the same on
 * every attempt), {@code webhook-timestamp} = epoch seconds of the attempt, {@code webhook-signature}: one
 * {@code v1,} signature per secret signing at the attempt's time (two, space-separated, during a rotation's overlap).
 */
@Singleton
public class DeliveryDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final Deliveries deliveries;
    private final Subscriptions subscriptions;
    private final WebhookSender sender;
    private final UrlPolicy urlPolicy;
    private final DispatchSettings settings;
    private final Clock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, AtomicInteger> inFlightBySubscription = new ConcurrentHashMap<>();

    public DeliveryDispatcher(Deliveries deliveries, Subscriptions subscriptions, WebhookSender sender,
                              UrlPolicy urlPolicy, DispatchSettings settings, Clock clock) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.urlPolicy = urlPolicy;
        this.settings = settings;
        this.clock = clock;
    }

    /** Attempts under way in this worker. */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Leases and starts the due deliveries, as many as the limits allow.
     *
     * @return attempts started
     */
    public int dispatchDue() {
        int started = 0;
        while (inFlight.get() < settings.maxInFlight()) {
            Instant now = clock.instant();
            Optional<Delivery> leased = deliveries.leaseDue(now, now.plus(settings.lease()), saturatedSubscriptions());
            if (leased.isEmpty()) {
                break;
            }
            if (start(leased.get())) {
                started++;
            }
        }
        return started;
    }

    private Set<String> saturatedSubscriptions() {
        Set<String> saturated = new HashSet<>();
        inFlightBySubscription.forEach((id, count) -> {
            if (count.get() >= settings.maxInFlightPerSubscription()) {
                saturated.add(id);
            }
        });
        return saturated;
    }

    private boolean start(Delivery delivery) {
        Optional<Subscription> subscription = subscriptions.find(delivery.tenantId(), delivery.subscriptionId());
        if (subscription.isEmpty() || subscription.get().status() != Subscription.Status.ENABLED) {
            deliveries.update(delivery.abandoned(subscription.isEmpty() ? "subscription deleted" : "subscription disabled"));
            return false;
        }
        URI url;
        try {
            url = urlPolicy.check(subscription.get().url());
        } catch (InvalidSubscriptionException e) {
            record(delivery, AttemptResult.failed("url refused: " + e.getMessage()));
            return false;
        }
        Instant now = clock.instant();
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("webhook-id", delivery.eventId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature",
                WebhookSignature.signAll(subscription.get().signingSecrets(now), delivery.eventId(), timestamp,
                        delivery.body()));
        AtomicInteger perSubscription = inFlightBySubscription.computeIfAbsent(delivery.subscriptionId(),
                id -> new AtomicInteger());
        perSubscription.incrementAndGet();
        inFlight.incrementAndGet();
        sender.post(url, headers, delivery.body(), settings.timeout())
                .exceptionally(e -> AttemptResult.failed(e.toString()))
                .thenAccept(result -> {
                    try {
                        record(delivery, result);
                    } finally {
                        perSubscription.decrementAndGet();
                        inFlight.decrementAndGet();
                    }
                });
        return true;
    }

    private void record(Delivery delivery, AttemptResult result) {
        try {
            Delivery next = delivery.after(result, clock.instant().truncatedTo(ChronoUnit.MILLIS), settings.schedule(),
                    () -> ThreadLocalRandom.current().nextDouble());
            if (result.gone()) {
                subscriptions.disable(delivery.subscriptionId());
            }
            deliveries.update(next);
            if (next.status() == Delivery.Status.DEAD_LETTERED) {
                LOG.warn("delivery {} dead-lettered after {} attempts: {}", delivery.id(), next.attempts(), next.lastError());
            }
        } catch (RuntimeException e) {
            LOG.warn("could not record the attempt of delivery " + delivery.id()
                    + " (retried when its lease expires)", e);
        }
    }
}
