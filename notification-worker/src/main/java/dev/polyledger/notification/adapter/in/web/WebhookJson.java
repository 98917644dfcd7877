package dev.polyledger.notification.adapter.in.web;

import dev.polyledger.notification.domain.Delivery;
import dev.polyledger.notification.domain.Subscription;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** The JSON of the webhooks API. */
final class WebhookJson {
    private WebhookJson() {
    }

    /** A subscription; {@code secret} is shown on every read (the API has no authentication of its own yet). */
    @Serdeable
    record SubscriptionView(String id, String url, List<String> eventTypes, String secret, String description,
                            String status, Instant createdAt) {
        static SubscriptionView of(Subscription s) {
            return new SubscriptionView(s.id(), s.url(), s.eventTypes(), s.secret(), s.description(), s.status().name(),
                    s.createdAt());
        }
    }

    @Serdeable
    record SubscriptionList(List<SubscriptionView> items) {
    }

    /** A delivery; the body is not repeated (it is the event). */
    @Serdeable
    record DeliveryView(String id, String eventId, String eventType, String status, int attempts,
                        Integer lastResponseCode, String lastError, Instant nextAttemptAt, Instant createdAt,
                        Instant deliveredAt) {
        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id(), d.eventId(), d.eventType(), d.status().name(), d.attempts(),
                    d.lastResponseCode(), d.lastError(), d.nextAttemptAt(), d.createdAt(), d.deliveredAt());
        }
    }

    @Serdeable
    record DeliveryList(List<DeliveryView> items) {
    }
}
