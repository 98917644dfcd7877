package dev.polyledger.notification.application.service;

import dev.polyledger.notification.application.port.in.DispatchDeliveriesUseCase;
import dev.polyledger.notification.application.port.out.Deliveries;
import dev.polyledger.notification.application.port.out.Jitter;
import dev.polyledger.notification.application.port.out.Subscriptions;
import dev.polyledger.notification.application.port.out.WebhookMessage;
import dev.polyledger.notification.application.port.out.WebhookSender;
import dev.polyledger.notification.domain.AttemptResult;
import dev.polyledger.notification.domain.Delivery;
import dev.polyledger.notification.domain.Subscription;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the due deliveries of the persisted schedule. Each {@link #dispatchDue()} leases due PENDING deliveries one
 * by one (a lease hides a delivery from every worker until it expires, so several workers and a restart are safe:
 * a worker that dies mid-attempt leaves it to be retried when the lease runs out — at-least-once) and starts their
 * attempts without waiting for them, within the {@link InFlightAttempts} limits. Each attempt's outcome is written
 * back as the delivery's new state ({@link Delivery#after}); a 410 also disables the subscription. A delivery whose
 * subscription was deleted or disabled meanwhile is dead-lettered unsent.
 *
 * <p>An attempt carries the event id (the {@code webhook-id}, the same on every attempt), its own time and the
 * secrets signing at that time ({@link Subscription#signingSecrets}); the {@link WebhookSender} makes the request.
 */
@Singleton
public class DeliveryDispatcher implements DispatchDeliveriesUseCase {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final Deliveries deliveries;
    private final Subscriptions subscriptions;
    private final WebhookSender sender;
    private final DispatchSettings settings;
    private final Clock clock;
    private final Jitter jitter;
    private final InFlightAttempts inFlight;

    public DeliveryDispatcher(Deliveries deliveries, Subscriptions subscriptions, WebhookSender sender,
                              DispatchSettings settings, Clock clock, Jitter jitter) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.settings = settings;
        this.clock = clock;
        this.jitter = jitter;
        this.inFlight = new InFlightAttempts(settings.maxInFlight(), settings.maxInFlightPerSubscription());
    }

    @Override
    public int dispatchDue() {
        int started = 0;
        while (inFlight.hasRoom()) {
            Instant now = clock.instant();
            Optional<Delivery> leased = deliveries.leaseDue(now, now.plus(settings.lease()), inFlight.saturated());
            if (leased.isEmpty()) {
                break;
            }
            if (start(leased.get())) {
                started++;
            }
        }
        return started;
    }

    private boolean start(Delivery delivery) {
        Optional<Subscription> subscription = subscriptions.find(delivery.tenantId(), delivery.subscriptionId());
        if (subscription.isEmpty() || subscription.get().status() != Subscription.Status.ENABLED) {
            deliveries.update(delivery.abandoned(subscription.isEmpty() ? "subscription deleted" : "subscription disabled"));
            return false;
        }
        Instant now = clock.instant();
        var message = new WebhookMessage(subscription.get().url(), delivery.eventId(), now, delivery.body(),
                subscription.get().signingSecrets(now));
        inFlight.started(delivery.subscriptionId());
        CompletableFuture<AttemptResult> attempt;
        try {
            attempt = sender.send(message, settings.timeout());
        } catch (RuntimeException e) {
            attempt = CompletableFuture.completedFuture(AttemptResult.failed(e.toString()));
        }
        attempt.exceptionally(e -> AttemptResult.failed(e.toString()))
                .thenAccept(result -> {
                    try {
                        record(delivery, result);
                    } finally {
                        inFlight.finished(delivery.subscriptionId());
                    }
                });
        return true;
    }

    private void record(Delivery delivery, AttemptResult result) {
        try {
            Delivery next = delivery.after(result, clock.instant().truncatedTo(ChronoUnit.MILLIS), settings.schedule(),
                    jitter::fraction);
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
