package dev.polyledger.notification.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.notification.application.port.in.ScheduleDeliveriesCommand;
import dev.polyledger.notification.application.port.out.DeliveryMetrics;
import dev.polyledger.notification.application.service.DeliveryDispatcher;
import dev.polyledger.notification.application.service.DeliveryScheduler;
import dev.polyledger.notification.application.service.DispatchSettings;
import dev.polyledger.notification.application.service.DispatchStarter;
import dev.polyledger.notification.application.service.TenantSubscriptions;
import dev.polyledger.notification.domain.RetrySchedule;
import dev.polyledger.notification.domain.Delivery;
import dev.polyledger.notification.domain.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** An event is scheduled for its own tenant's subscriptions only. */
class DeliverySchedulerTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private final InMemoryNotificationStore store = new InMemoryNotificationStore();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    /** A sender whose attempts never end: the scheduled deliveries stay PENDING. */
    private final DeliveryDispatcher dispatcher = new DeliveryDispatcher(store.deliveries, store.subscriptions,
            (message, timeout) -> new CompletableFuture<>(),
            new DispatchSettings(new RetrySchedule(List.of(Duration.ofSeconds(1))), Duration.ofSeconds(5), 4, 64),
            clock, () -> 0.0, DeliveryMetrics.NONE, new TenantSubscriptions(store.subscriptions, clock),
            DispatchStarter.SAME_THREAD);
    private final DeliveryScheduler scheduler = new DeliveryScheduler(
            new TenantSubscriptions(store.subscriptions, clock), store.deliveries,
            dispatcher, clock);

    private static ScheduleDeliveriesCommand event(String eventId, String type, String tenant) {
        return new ScheduleDeliveriesCommand(eventId, type, tenant, "{}");
    }

    private Subscription subscribe(String id, String tenant, String type) {
        Subscription s = Subscription.create(id, tenant, "https://example.com/" + id, List.of(type), "whsec_AAAA", null,
                NOW);
        store.subscriptions.add(s);
        return s;
    }

    @Test
    void anEventIsScheduledForItsTenantsSubscriptionsAndNotForAnotherTenants() {
        subscribe("wh_acme", "acme", "*");
        subscribe("wh_globex", "globex", "*");

        int ofAcme = scheduler.schedule(event("evt-a", "transfer.posted", "acme"));
        int ofGlobex = scheduler.schedule(event("evt-g", "transfer.posted", "globex"));

        assertThat(ofAcme).isEqualTo(1);
        assertThat(ofGlobex).isEqualTo(1);
        assertThat(store.deliveriesById.values()).extracting(Delivery::id, Delivery::tenantId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("evt-a:wh_acme", "acme"),
                        org.assertj.core.groups.Tuple.tuple("evt-g:wh_globex", "globex"));
    }

    @Test
    void anEventOfATenantWithoutSubscriptionsIsScheduledNowhere() {
        subscribe("wh_acme", "acme", "*");

        assertThat(scheduler.schedule(event("evt-d", "transfer.posted", "default"))).isZero();
        assertThat(store.deliveriesById).isEmpty();
    }

    @Test
    void aDeliveryIsDueAtOnceWithTheEventsBodyAsReceived() {
        subscribe("wh_acme", "acme", "*");

        scheduler.schedule(new ScheduleDeliveriesCommand("evt-1", "transfer.posted", "acme", "{\"a\": 1}"));

        Delivery scheduled = store.deliveriesById.get("evt-1:wh_acme");
        assertThat(scheduled.status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(scheduled.nextAttemptAt()).isEqualTo(NOW);
        assertThat(scheduled.body()).isEqualTo("{\"a\": 1}");
    }

    @Test
    void aDisabledSubscriptionGetsNoDelivery() {
        Subscription s = subscribe("wh_acme", "acme", "*");
        store.subscriptions.disable(s.id());

        assertThat(scheduler.schedule(event("evt-1", "transfer.posted", "acme"))).isZero();
        assertThat(store.deliveriesById).isEmpty();
    }

    @Test
    void aRedeliveredEventSchedulesNothingTwiceAndOtherTypesNothingAtAll() {
        subscribe("wh_acme", "acme", "account.created");

        assertThat(scheduler.schedule(event("evt-1", "account.created", "acme"))).isEqualTo(1);
        assertThat(scheduler.schedule(event("evt-1", "account.created", "acme"))).isZero();
        assertThat(scheduler.schedule(event("evt-2", "transfer.posted", "acme"))).isZero();
        assertThat(store.deliveriesById).containsOnlyKeys("evt-1:wh_acme");
    }
}
