package dev.polyledger.notification.application.service;

import dev.polyledger.notification.application.port.out.Deliveries;
import dev.polyledger.notification.application.port.out.Subscriptions;
import dev.polyledger.notification.domain.Delivery;
import dev.polyledger.notification.domain.Subscription;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * Turns a ledger event into one PENDING delivery, due now, per ENABLED subscription of the event's tenant that wants
 * its type (the store is asked for the tenant's subscriptions only, and {@link Subscription#wants} checks the tenant
 * again). Idempotent:
 * a redelivered event finds its deliveries scheduled already (their ids are {@code eventId:subscriptionId}).
 * Throws when the store fails; the caller then hands the event back to the broker.
 */
@Singleton
public class DeliveryScheduler {
    private final Subscriptions subscriptions;
    private final Deliveries deliveries;
    private final Clock clock;

    public DeliveryScheduler(Subscriptions subscriptions, Deliveries deliveries, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /**
     * @param tenantId the event's tenant ({@code default} for an event published without one)
     * @param body     the envelope JSON exactly as received
     * @return deliveries newly scheduled
     */
    public int schedule(String eventId, String eventType, String tenantId, String body) {
        int scheduled = 0;
        var now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        for (Subscription subscription : subscriptions.ofTenant(tenantId)) {
            if (subscription.wants(tenantId, eventType)
                    && deliveries.schedule(Delivery.schedule(eventId, eventType, body, subscription, now))) {
                scheduled++;
            }
        }
        return scheduled;
    }
}
