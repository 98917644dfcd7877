package dev.polyledger.notification.application.service;

import dev.polyledger.notification.application.port.in.ScheduleDeliveriesCommand;
import dev.polyledger.notification.application.port.in.ScheduleDeliveriesUseCase;
import dev.polyledger.notification.application.port.out.Deliveries;
import dev.polyledger.notification.domain.Delivery;
import dev.polyledger.notification.domain.Subscription;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@link ScheduleDeliveriesUseCase}: the event tenant's subscriptions only ({@link TenantSubscriptions}: read from the
 * store at most once a second, and at once after a change), and {@link Subscription#wants} checks the tenant again. The event's deliveries are stored in one write
 * ({@link Deliveries#scheduleAll}) and then handed to the {@link DeliveryDispatcher}, whose first attempts start at
 * once: the caller acknowledges the event after this returns, so a stored delivery is never lost (a worker that
 * stops before its attempt resumes it at start). A redelivered event schedules nothing twice, since a delivery's id
 * is {@code eventId:subscriptionId}. Throws when the store fails.
 */
@Singleton
public class DeliveryScheduler implements ScheduleDeliveriesUseCase {
    private final TenantSubscriptions subscriptions;
    private final Deliveries deliveries;
    private final DeliveryDispatcher dispatcher;
    private final Clock clock;

    public DeliveryScheduler(TenantSubscriptions subscriptions, Deliveries deliveries, DeliveryDispatcher dispatcher,
                             Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Override
    public int schedule(ScheduleDeliveriesCommand event) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<Subscription> wanting = subscriptions.of(event.tenantId()).stream()
                .filter(subscription -> subscription.wants(event.tenantId(), event.eventType())).toList();
        if (wanting.isEmpty()) {
            return 0;
        }
        List<Delivery> stored = deliveries.scheduleAll(wanting.stream()
                .map(subscription -> Delivery.schedule(event.eventId(), event.eventType(), event.body(), subscription,
                        now))
                .toList());
        dispatcher.enqueue(stored, wanting, now, event.occurredAt());
        return stored.size();
    }
}
