package dev.polyledger.notification.application;

import dev.polyledger.platform.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.notification.application.port.out.WebhookMessage;
import dev.polyledger.notification.application.port.out.WebhookSender;
import dev.polyledger.notification.application.service.DeliveryDispatcher;
import dev.polyledger.notification.application.service.DispatchSettings;
import dev.polyledger.notification.domain.AttemptResult;
import dev.polyledger.notification.domain.Delivery;
import dev.polyledger.notification.domain.RetrySchedule;
import dev.polyledger.notification.domain.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Leasing, in-flight limits, what an attempt carries and how its outcome is recorded, over in-memory stores and a
 * sender whose answers the test completes by hand.
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

    private record Attempt(WebhookMessage message, CompletableFuture<AttemptResult> answer) {
        void answer(int status) {
            answer.complete(AttemptResult.answered(status, null));
        }
    }

    private DeliveryDispatcher dispatcher(int maxInFlight, int maxPerSubscription) {
        return new DeliveryDispatcher(store.deliveries, store.subscriptions, sender,
                new DispatchSettings(new RetrySchedule(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2))),
                        Duration.ofSeconds(5), maxPerSubscription, maxInFlight, Duration.ofSeconds(30)),
                clock, () -> 0.5); // half of the 20% jitter: a 1 s wait becomes 1.1 s
    }

    private final DeliveryDispatcher dispatcher = dispatcher(64, 4);

    private Subscription subscribe(String id, String tenant) {
        Subscription s = Subscription.create(id, tenant, "https://example.com/" + id, List.of("*"),
                "whsec_" + java.util.Base64.getEncoder().encodeToString(id.getBytes()), null, T0);
        store.subscriptions.add(s);
        return s;
    }

    private Delivery schedule(String eventId, Subscription subscription) {
        Delivery d = Delivery.schedule(eventId, "transfer.posted", BODY, subscription, clock.instant());
        store.deliveries.schedule(d);
        return d;
    }

    private Delivery stored(String eventId, Subscription subscription) {
        return store.deliveriesById.get(Delivery.idOf(eventId, subscription.id()));
    }

    @Test
    void anAttemptCarriesTheEventIdItsTimeTheBodyAndTheSubscriptionsUrl() {
        Subscription s = subscribe("wh_1", "acme");
        schedule("evt-1", s);

        assertThat(dispatcher.dispatchDue()).isEqualTo(1);

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
        schedule("evt-1", rotated);
        dispatcher.dispatchDue();
        clock.set(T0.plus(DAY));
        schedule("evt-2", rotated);
        dispatcher.dispatchDue();

        assertThat(attempts).extracting(a -> a.message().signingSecrets())
                .containsExactly(List.of("whsec_c2Vjb25k", "whsec_Zmlyc3Q="), List.of("whsec_c2Vjb25k"));
    }

    @Test
    void aDeliveryAnsweredWith2xxIsDelivered() {
        Subscription s = subscribe("wh_1", "acme");
        schedule("evt-1", s);
        dispatcher.dispatchDue();
        clock.advance(Duration.ofMillis(150));

        attempts.get(0).answer(204);

        Delivery done = stored("evt-1", s);
        assertThat(done.status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.lastResponseCode()).isEqualTo(204);
        assertThat(done.deliveredAt()).isEqualTo(T0.plusMillis(150));
    }

    @Test
    void aFailedAttemptIsRetriedAfterTheScheduledDelayPlusJitterFromTheInjectedSource() {
        Subscription s = subscribe("wh_1", "acme");
        schedule("evt-1", s);
        dispatcher.dispatchDue();

        attempts.get(0).answer(503);

        Delivery retried = stored("evt-1", s);
        assertThat(retried.status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.lastError()).isEqualTo("endpoint answered 503");
        assertThat(retried.nextAttemptAt()).isEqualTo(T0.plusMillis(1100));
        assertThat(dispatcher.dispatchDue()).as("not due before its time").isZero();

        clock.set(T0.plusMillis(1100));
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        assertThat(attempts.get(1).message().webhookId()).isEqualTo("evt-1");
    }

    @Test
    void aDeliveryIsDeadLetteredAfterItsLastAttempt() {
        Subscription s = subscribe("wh_1", "acme");
        schedule("evt-1", s);
        for (int attempt = 0; attempt < 3; attempt++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(dispatcher.dispatchDue()).isEqualTo(1);
            attempts.get(attempt).answer(500);
        }

        clock.advance(Duration.ofHours(1));
        assertThat(dispatcher.dispatchDue()).isZero();
        assertThat(stored("evt-1", s).status()).isEqualTo(Delivery.Status.DEAD_LETTERED);
        assertThat(stored("evt-1", s).attempts()).isEqualTo(3);
    }

    @Test
    void goneDisablesTheSubscriptionAndItsNextDeliveryIsAbandonedUnsent() {
        Subscription s = subscribe("wh_1", "acme");
        schedule("evt-1", s);
        dispatcher.dispatchDue();
        attempts.get(0).answer(410);

        schedule("evt-2", s);
        assertThat(dispatcher.dispatchDue()).isZero();

        assertThat(stored("evt-1", s).status()).isEqualTo(Delivery.Status.DEAD_LETTERED);
        assertThat(store.subscriptionsById.get("wh_1").status()).isEqualTo(Subscription.Status.DISABLED);
        assertThat(stored("evt-2", s).status()).isEqualTo(Delivery.Status.DEAD_LETTERED);
        assertThat(stored("evt-2", s).lastError()).isEqualTo("subscription disabled");
        assertThat(attempts).hasSize(1);
    }

    @Test
    void aDeliveryOfADeletedSubscriptionIsAbandonedUnsent() {
        Subscription s = subscribe("wh_1", "acme");
        schedule("evt-1", s);
        store.subscriptions.remove("acme", "wh_1");

        assertThat(dispatcher.dispatchDue()).isZero();

        assertThat(attempts).isEmpty();
        assertThat(stored("evt-1", s).status()).isEqualTo(Delivery.Status.DEAD_LETTERED);
        assertThat(stored("evt-1", s).lastError()).isEqualTo("subscription deleted");
    }

    @Test
    void aDeliveryWhoseSubscriptionIsNotInItsTenantIsAbandonedUnsent() {
        Subscription ofGlobex = subscribe("wh_1", "globex");
        Subscription sameIdOtherTenant = Subscription.create("wh_1", "acme", ofGlobex.url(), List.of("*"),
                ofGlobex.secret(), null, T0);
        schedule("evt-1", sameIdOtherTenant);

        dispatcher.dispatchDue();

        assertThat(attempts).isEmpty();
        assertThat(stored("evt-1", sameIdOtherTenant).status()).isEqualTo(Delivery.Status.DEAD_LETTERED);
    }

    @Test
    void aSlowSubscriptionTakesNoMoreThanItsShareAndTheOthersAreStillSent() {
        DeliveryDispatcher limited = dispatcher(64, 2);
        Subscription slow = subscribe("wh_slow", "acme");
        Subscription fast = subscribe("wh_fast", "acme");
        schedule("evt-1", slow);
        schedule("evt-2", slow);
        schedule("evt-3", slow);
        schedule("evt-4", fast);

        assertThat(limited.dispatchDue()).isEqualTo(3);
        assertThat(attempts).extracting(a -> a.message().url()).containsExactlyInAnyOrder(slow.url(), slow.url(),
                fast.url());
        assertThat(limited.dispatchDue()).as("the slow one is saturated").isZero();

        attempts.get(0).answer(200);
        assertThat(limited.dispatchDue()).as("a finished attempt frees its slot").isEqualTo(1);
        assertThat(attempts.get(3).message().url()).isEqualTo(slow.url());
    }

    @Test
    void startsNoMoreAttemptsThanTheWorkersLimitUntilOneFinishes() {
        DeliveryDispatcher limited = dispatcher(2, 4);
        for (int i = 1; i <= 3; i++) {
            schedule("evt-" + i, subscribe("wh_" + i, "acme"));
        }

        assertThat(limited.dispatchDue()).isEqualTo(2);
        assertThat(limited.dispatchDue()).isZero();

        attempts.get(1).answer(200);
        assertThat(limited.dispatchDue()).isEqualTo(1);
        assertThat(attempts).hasSize(3);
    }

    @Test
    void aSenderThatFailsExceptionallyCountsAsAFailedAttemptAndFreesItsSlot() {
        DeliveryDispatcher limited = dispatcher(1, 1);
        Subscription s = subscribe("wh_1", "acme");
        schedule("evt-1", s);
        schedule("evt-2", s);
        limited.dispatchDue();

        attempts.get(0).answer().completeExceptionally(new IllegalStateException("boom"));

        assertThat(stored("evt-1", s).status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(stored("evt-1", s).lastError()).contains("boom");
        assertThat(limited.dispatchDue()).isEqualTo(1);
    }
}
