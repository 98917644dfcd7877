package dev.polyledger.notification.application.service;

import dev.polyledger.notification.application.port.in.ScheduleDeliveriesCommand;
import dev.polyledger.notification.application.port.in.ScheduleDeliveriesUseCase;
import dev.polyledger.notification.application.port.out.Deliveries;
import dev.polyledger.notification.application.port.out.Subscriptions;
import dev.polyledger.notification.domain.Delivery;
import dev.polyledger.notification.domain.Subscription;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * {@link ScheduleDeliveriesUseCase}: the store is asked for the event tenant's subscriptions only, and
 * {@link Subscription#wants} checks the tenant again. A redelivered event schedules nothing twice, since a delivery's
 * id is {@code eventId:subscriptionId}. Throws when the store fails.
 */
@Singleton
public class DeliveryScheduler implements ScheduleDeliveriesUseCase {
    private final Subscriptions subscriptions;
    private final Deliveries deliveries;
    private final Clock clock;

    public DeliveryScheduler(Subscriptions subscriptions, Deliveries deliveries, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Override
    public int schedule(ScheduleDeliveriesCommand event) {
        int scheduled = 0;
        var now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        for (Subscription subscription : subscriptions.ofTenant(event.tenantId())) {
            if (subscription.wants(event.tenantId(), event.eventType())
                    && deliveries.schedule(Delivery.schedule(event.eventId(), event.eventType(), event.body(),
                    subscription, now))) {
                scheduled++;
            }
        }
        return scheduled;
    }
}
