package dev.polyledger.notification.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.notification.application.port.out.WebhookSender;
import dev.polyledger.notification.application.service.DeliveryDispatcher;
import dev.polyledger.notification.application.service.DispatchSettings;
import dev.polyledger.notification.domain.AttemptResult;
import dev.polyledger.notification.domain.Delivery;
import dev.polyledger.notification.domain.RetrySchedule;
import dev.polyledger.notification.domain.Subscription;
import dev.polyledger.notification.domain.UrlPolicy;
import dev.polyledger.notification.domain.WebhookSignature;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The signature header of an attempt, before, during and after a rotation's overlap. */
class DeliveryDispatcherTest {
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);
    private final InMemoryNotificationStore store = new InMemoryNotificationStore();
    private final List<Map<String, String>> sent = new ArrayList<>();
    private final WebhookSender sender = (URI url, Map<String, String> headers, String body, Duration timeout) -> {
        sent.add(headers);
        return CompletableFuture.completedFuture(AttemptResult.answered(200, null));
    };
    private Instant now = T0;
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final DeliveryDispatcher dispatcher = new DeliveryDispatcher(store.deliveries, store.subscriptions, sender,
            new UrlPolicy(true, host -> new java.net.InetAddress[0]),
            new DispatchSettings(RetrySchedule.parse("1s"), Duration.ofSeconds(5), 4, 64, Duration.ofSeconds(30)), clock);

    private String signatureOfADeliveryAt(Subscription subscription, Instant at, String eventId) {
        now = at;
        store.deliveries.schedule(Delivery.schedule(eventId, "transfer.posted", "{\"n\":1}", subscription, at));
        sent.clear();
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).get("webhook-timestamp")).isEqualTo(Long.toString(at.getEpochSecond()));
        return sent.get(0).get("webhook-signature");
    }

    @Test
    void signsWithTheNewAndTheReplacedSecretDuringTheOverlapThenWithTheNewOneOnly() {
        String first = WebhookSignature.newSecret(new SecureRandom());
        String second = WebhookSignature.newSecret(new SecureRandom());
        Subscription rotated = Subscription.create("wh_1", "acme", "http://127.0.0.1:1/hook", List.of("*"), first,
                null, T0).rotated(second, T0, DAY);
        store.subscriptions.add(rotated);

        Instant during = T0.plus(Duration.ofHours(23));
        String duringOverlap = signatureOfADeliveryAt(rotated, during, "evt-1");
        Instant after = T0.plus(DAY);
        String afterOverlap = signatureOfADeliveryAt(rotated, after, "evt-2");

        long ts = during.getEpochSecond();
        assertThat(duringOverlap).isEqualTo(WebhookSignature.sign(second, "evt-1", ts, "{\"n\":1}") + " "
                + WebhookSignature.sign(first, "evt-1", ts, "{\"n\":1}"));
        assertThat(afterOverlap).isEqualTo(WebhookSignature.sign(second, "evt-2", after.getEpochSecond(), "{\"n\":1}"));
    }

    @Test
    void aDeliveryWhoseSubscriptionIsNotInItsTenantIsAbandonedUnsent() {
        Subscription ofGlobex = Subscription.create("wh_1", "globex", "http://127.0.0.1:1/hook", List.of("*"),
                WebhookSignature.newSecret(new SecureRandom()), null, T0);
        store.subscriptions.add(ofGlobex);
        Subscription sameIdOtherTenant = Subscription.create("wh_1", "acme", ofGlobex.url(), List.of("*"),
                ofGlobex.secret(), null, T0);
        store.deliveries.schedule(Delivery.schedule("evt-1", "transfer.posted", "{}", sameIdOtherTenant, T0));

        dispatcher.dispatchDue();

        assertThat(sent).isEmpty();
        assertThat(store.deliveriesById.get("evt-1:wh_1").status()).isEqualTo(Delivery.Status.DEAD_LETTERED);
    }
}
