package dev.polyledger.notification.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.notification.application.port.in.ScheduleDeliveriesCommand;
import dev.polyledger.notification.application.port.out.DeliveryMetrics;
import dev.polyledger.notification.application.port.out.WebhookMessage;
import dev.polyledger.notification.application.port.out.WebhookSender;
import dev.polyledger.notification.application.service.DeliveryDispatcher;
import dev.polyledger.notification.application.service.DeliveryScheduler;
import dev.polyledger.notification.application.service.DispatchSettings;
import dev.polyledger.notification.application.service.DispatchStarter;
import dev.polyledger.notification.application.service.TenantSubscriptions;
import dev.polyledger.notification.domain.AttemptResult;
import dev.polyledger.notification.domain.Delivery;
import dev.polyledger.notification.domain.RetrySchedule;
import dev.polyledger.notification.domain.Subscription;
import dev.polyledger.platform.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The due-queue dispatcher over in-memory stores and a sender whose answers the test completes by hand: first
 * attempts straight from scheduling, retries at their time, in-flight limits, outcomes written in batches at the
 * tick ({@link DeliveryDispatcher#dispatchDue}), the resume of an earlier process's PENDING deliveries, and a store
 * that does not answer.
 */
class DeliveryDispatcherTest {
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);
    private static final String BODY = "{\"n\":1}";
    private final InMemoryNotificationStore store = new InMemoryNotificationStore();
    private final MutableClock clock = MutableClock.at(T0);
    /** Every attempt started, with the future the test completes as the endpoint's answer. */
    private final List<Attempt> attempts = new ArrayList<>();
    private final WebhookSender sender = (message, timeout) -> {
        var answer = new CompletableFuture<AttemptResult>();
        attempts.add(new Attempt(message, answer));
        return answer;
    };
    private final List<String> counted = new ArrayList<>();
    private final DeliveryMetrics metrics = new DeliveryMetrics() {
        @Override
        public void delivered(Duration lag) {
            counted.add("delivered " + lag);
        }

        @Override
        public void retried() {
            counted.add("retried");
        }

        @Override
        public void deadLettered() {
            counted.add("dead_lettered");
        }
    };

    private record Attempt(WebhookMessage message, CompletableFuture<AttemptResult> answer) {
        void answer(int status) {
            answer.complete(AttemptResult.answered(status, null));
        }
    }

    private final TenantSubscriptions tenantSubscriptions = new TenantSubscriptions(store.subscriptions, clock);
    private DeliveryDispatcher dispatcher = dispatcher(64, 4);
    private DeliveryScheduler scheduler = new DeliveryScheduler(tenantSubscriptions, store.deliveries, dispatcher,
            clock);

    private DeliveryDispatcher dispatcher(int maxInFlight, int maxPerSubscription) {
        return new DeliveryDispatcher(store.deliveries, store.subscriptions, sender,
                new DispatchSettings(new RetrySchedule(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2))),
                        Duration.ofSeconds(5), maxPerSubscription, maxInFlight),
                clock, () -> 0.5, metrics, tenantSubscriptions, DispatchStarter.SAME_THREAD); // jitter: 1 s -> 1.1 s
    }

    private void limits(int maxInFlight, int maxPerSubscription) {
        dispatcher = dispatcher(maxInFlight, maxPerSubscription);
        scheduler = new DeliveryScheduler(tenantSubscriptions, store.deliveries, dispatcher, clock);
    }

    private Subscription subscribe(String id, String tenant) {
        Subscription s = Subscription.create(id, tenant, "https://example.com/" + id, List.of("*"),
                "whsec_" + java.util.Base64.getEncoder().encodeToString(id.getBytes()), null, T0);
        store.subscriptions.add(s);
        return s;
    }

    /** The event as the consumer hands it over, committed 40 ms before now. */
    private int publish(String eventId, String tenant) {
        return scheduler.schedule(new ScheduleDeliveriesCommand(eventId, "transfer.posted", tenant, BODY,
                clock.instant().minusMillis(40)));
    }

    private Delivery stored(String eventId, Subscription subscription) {
        return store.deliveriesById.get(Delivery.idOf(eventId, subscription.id()));
    }

    @Test
    void theFirstAttemptStartsWhenTheEventIsScheduledWithTheEventIdItsTimeTheBodyAndTheUrl() {
        Subscription s = subscribe("wh_1", "acme");

        assertThat(publish("evt-1", "acme")).isEqualTo(1);

        assertThat(attempts).as("no tick needed").hasSize(1);
        WebhookMessage sent = attempts.get(0).message();
        assertThat(sent.url()).isEqualTo("https://example.com/wh_1");
        assertThat(sent.webhookId()).isEqualTo("evt-1");
        assertThat(sent.attemptedAt()).isEqualTo(T0);
        assertThat(sent.body()).isEqualTo(BODY);
        assertThat(sent.signingSecrets()).containsExactly(s.secret());
    }

    @Test
    void signsWithTheNewAndTheReplacedSecretDuringTheOverlapThenWithTheNewOneOnly() {
        Subscription rotated = Subscription.create("wh_1", "acme", "https://example.com/hook", List.of("*"),
                "whsec_Zmlyc3Q=", null, T0).rotated("whsec_c2Vjb25k", T0, DAY);
        store.subscriptions.add(rotated);

        clock.set(T0.plus(Duration.ofHours(23)));
        publish("evt-1", "acme");
        clock.set(T0.plus(DAY));
        publish("evt-2", "acme");

        assertThat(attempts).extracting(a -> a.message().signingSecrets())
                .containsExactly(List.of("whsec_c2Vjb25k", "whsec_Zmlyc3Q="), List.of("whsec_c2Vjb25k"));
    }

    @Test
    void aDeliveryAnsweredWith2xxIsDeliveredWrittenAtTheNextTickAndItsLagFromTheCommitCounted() {
        Subscription s = subscribe("wh_1", "acme");
        publish("evt-1", "acme");
        clock.advance(Duration.ofMillis(150));

        attempts.get(0).answer(204);
        assertThat(stored("evt-1", s).status()).as("written at the tick").isEqualTo(Delivery.Status.PENDING);
        dispatcher.dispatchDue();

        Delivery done = stored("evt-1", s);
        assertThat(done.status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.lastResponseCode()).isEqualTo(204);
        assertThat(done.deliveredAt()).isEqualTo(T0.plusMillis(150));
        assertThat(counted).containsExactly("delivered PT0.19S");
    }

    @Test
    void theOutcomesOfATickAreWrittenInOneBatch() {
        Subscription s = subscribe("wh_1", "acme");
        limits(64, 64);
        for (int i = 0; i < 10; i++) {
            publish("evt-" + i, "acme");
        }
        int writesBefore = store.batches.get();

        attempts.forEach(a -> a.answer(200));
        dispatcher.dispatchDue();

        assertThat(store.batches.get() - writesBefore).isEqualTo(1);
        for (int i = 0; i < 10; i++) {
            assertThat(stored("evt-" + i, s).status()).isEqualTo(Delivery.Status.DELIVERED);
        }
    }

    @Test
    void aFailedAttemptIsRetriedAfterTheScheduledDelayPlusJitterFromTheInjectedSource() {
        Subscription s = subscribe("wh_1", "acme");
        publish("evt-1", "acme");

        attempts.get(0).answer(503);
        assertThat(dispatcher.dispatchDue()).as("not due before its time").isZero();

        Delivery retried = stored("evt-1", s);
        assertThat(retried.status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.lastError()).isEqualTo("endpoint answered 503");
        assertThat(retried.nextAttemptAt()).isEqualTo(T0.plusMillis(1100));
        clock.set(T0.plusMillis(1099));
        assertThat(dispatcher.dispatchDue()).isZero();

        clock.set(T0.plusMillis(1100));
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        assertThat(attempts.get(1).message().webhookId()).isEqualTo("evt-1");
        assertThat(counted).containsExactly("retried");
    }

    @Test
    void aDeliveryIsDeadLetteredAfterItsLastAttempt() {
        Subscription s = subscribe("wh_1", "acme");
        publish("evt-1", "acme");
        for (int attempt = 0; attempt < 3; attempt++) {
            attempts.get(attempt).answer(500);
            clock.advance(Duration.ofMinutes(1));
            dispatcher.dispatchDue();
        }

        clock.advance(Duration.ofHours(1));
        assertThat(dispatcher.dispatchDue()).isZero();
        assertThat(attempts).hasSize(3);
        assertThat(stored("evt-1", s).status()).isEqualTo(Delivery.Status.DEAD_LETTERED);
        assertThat(stored("evt-1", s).attempts()).isEqualTo(3);
        assertThat(counted).containsExactly("retried", "retried", "dead_lettered");
    }

    @Test
    void goneDisablesTheSubscriptionAndItsQueuedDeliveryIsAbandonedUnsent() {
        limits(64, 1);
        Subscription s = subscribe("wh_1", "acme");
        publish("evt-1", "acme");
        publish("evt-2", "acme");
        assertThat(attempts).as("one at a time to the subscription").hasSize(1);

        attempts.get(0).answer(410);
        dispatcher.dispatchDue();

        assertThat(stored("evt-1", s).status()).isEqualTo(Delivery.Status.DEAD_LETTERED);
        assertThat(store.subscriptionsById.get("wh_1").status()).isEqualTo(Subscription.Status.DISABLED);
        assertThat(stored("evt-2", s).status()).isEqualTo(Delivery.Status.DEAD_LETTERED);
        assertThat(stored("evt-2", s).lastError()).isEqualTo("subscription disabled");
        assertThat(publish("evt-3", "acme")).as("a later event: no delivery at all").isZero();
        assertThat(attempts).hasSize(1);
    }

    @Test
    void aRetryOfADeletedSubscriptionIsAbandonedUnsent() {
        Subscription s = subscribe("wh_1", "acme");
        publish("evt-1", "acme");
        attempts.get(0).answer(500);
        store.subscriptions.remove("acme", "wh_1");

        clock.advance(Duration.ofSeconds(2));
        assertThat(dispatcher.dispatchDue()).isZero();

        assertThat(attempts).hasSize(1);
        assertThat(stored("evt-1", s).status()).isEqualTo(Delivery.Status.PENDING);
        dispatcher.dispatchDue();
        assertThat(stored("evt-1", s).status()).isEqualTo(Delivery.Status.DEAD_LETTERED);
        assertThat(stored("evt-1", s).lastError()).isEqualTo("subscription deleted");
    }

    @Test
    void thePendingDeliveriesOfAnEarlierProcessAreResumedAtTheFirstTickOnce() {
        Subscription s = subscribe("wh_1", "acme");
        Delivery left = Delivery.schedule("evt-old", "transfer.posted", BODY, s, T0.minusSeconds(60));
        store.deliveries.scheduleAll(List.of(left));
        publish("evt-new", "acme");
        assertThat(attempts).extracting(a -> a.message().webhookId()).containsExactly("evt-new");

        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        assertThat(dispatcher.dispatchDue()).isZero();

        assertThat(attempts).extracting(a -> a.message().webhookId()).containsExactly("evt-new", "evt-old");
        attempts.get(1).answer(200);
        dispatcher.dispatchDue();
        assertThat(stored("evt-old", s).status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(counted).as("its commit time is not known").containsExactly("delivered null");
    }

    @Test
    void aResumedDeliveryWhoseSubscriptionIsNotInItsTenantIsAbandonedUnsent() {
        Subscription ofGlobex = subscribe("wh_1", "globex");
        Subscription sameIdOtherTenant = Subscription.create("wh_1", "acme", ofGlobex.url(), List.of("*"),
                ofGlobex.secret(), null, T0);
        store.deliveries.scheduleAll(List.of(Delivery.schedule("evt-1", "transfer.posted", BODY, sameIdOtherTenant,
                T0.minusSeconds(60))));

        dispatcher.dispatchDue();
        dispatcher.dispatchDue();

        assertThat(attempts).isEmpty();
        assertThat(stored("evt-1", sameIdOtherTenant).status()).isEqualTo(Delivery.Status.DEAD_LETTERED);
    }

    @Test
    void whileTheStoreIsDownOutcomesAreKeptAndRetriesWaitWithoutSpendingAnAttempt() {
        Subscription s = subscribe("wh_1", "acme");
        publish("evt-1", "acme");
        publish("evt-2", "acme");
        store.failing = true;
        attempts.get(0).answer(200);
        attempts.get(1).answer(500);

        clock.advance(Duration.ofSeconds(5));
        assertThat(dispatcher.dispatchDue()).as("the subscription cannot be read").isZero();
        clock.advance(Duration.ofSeconds(5));
        dispatcher.dispatchDue();
        assertThat(attempts).hasSize(2);

        store.failing = false;
        clock.advance(Duration.ofSeconds(5));
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        assertThat(stored("evt-1", s).status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(stored("evt-2", s).attempts()).as("no attempt spent while the store was down").isEqualTo(1);
        assertThat(attempts.get(2).message().webhookId()).isEqualTo("evt-2");
    }

    @Test
    void aSlowSubscriptionTakesNoMoreThanItsShareAndTheOthersAreStillSent() {
        limits(64, 2);
        Subscription slow = subscribe("wh_slow", "acme");
        Subscription fast = subscribe("wh_fast", "globex");
        publish("evt-1", "acme");
        publish("evt-2", "acme");
        publish("evt-3", "acme");
        publish("evt-4", "globex");

        assertThat(attempts).extracting(a -> a.message().url()).containsExactly(slow.url(), slow.url(), fast.url());
        assertThat(dispatcher.dispatchDue()).as("the slow one is saturated").isZero();

        attempts.get(0).answer(200);
        assertThat(attempts).as("a finished attempt frees its slot and starts the next").hasSize(4);
        assertThat(attempts.get(3).message().url()).isEqualTo(slow.url());
    }

    @Test
    void startsNoMoreAttemptsThanTheWorkersLimitUntilOneFinishes() {
        limits(2, 4);
        for (int i = 1; i <= 3; i++) {
            subscribe("wh_" + i, "acme");
        }
        publish("evt-1", "acme");
        assertThat(attempts).hasSize(2);
        assertThat(dispatcher.dispatchDue()).isZero();

        attempts.get(1).answer(200);
        assertThat(attempts).hasSize(3);
    }

    @Test
    void aSenderThatFailsExceptionallyCountsAsAFailedAttemptAndFreesItsSlot() {
        limits(1, 1);
        Subscription s = subscribe("wh_1", "acme");
        publish("evt-1", "acme");
        publish("evt-2", "acme");

        attempts.get(0).answer().completeExceptionally(new IllegalStateException("boom"));
        dispatcher.dispatchDue();

        assertThat(stored("evt-1", s).status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(stored("evt-1", s).lastError()).contains("boom");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).message().webhookId()).isEqualTo("evt-2");
    }
}
