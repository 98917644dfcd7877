package dev.polyledger.notification.adapter.in.web;

import dev.polyledger.notification.application.port.in.RotateSecretUseCase;
import dev.polyledger.notification.domain.Delivery;
import dev.polyledger.notification.domain.Subscription;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** The JSON of the webhooks API. */
final class WebhookJson {
    private WebhookJson() {
    }

    /** A subscription as reads show it: never a secret. */
    @Serdeable
    record SubscriptionView(String id, String url, List<String> eventTypes, @Nullable String description, String status,
                            Instant createdAt) {
        static SubscriptionView of(Subscription s) {
            return new SubscriptionView(s.id(), s.url(), s.eventTypes(), s.description(), s.status().name(),
                    s.createdAt());
        }
    }

    /** The answer to a creation: the subscription and its signing {@code secret}, shown here only. */
    @Serdeable
    record CreatedView(String id, String url, List<String> eventTypes, @Nullable String description, String status,
                       Instant createdAt, String secret) {
        static CreatedView of(Subscription s) {
            return new CreatedView(s.id(), s.url(), s.eventTypes(), s.description(), s.status().name(), s.createdAt(),
                    s.secret());
        }
    }

    /**
     * The answer to a rotation: the new {@code secret}, and when the replaced one stops signing.
     */
    @Serdeable
    record RotatedSecret(String id, String secret, Instant previousSecretExpiresAt) {
        static RotatedSecret of(RotateSecretUseCase.Rotated rotated) {
            return new RotatedSecret(rotated.subscription().id(), rotated.subscription().secret(),
                    rotated.previousSecretExpiresAt());
        }
    }

    @Serdeable
    record SubscriptionList(List<SubscriptionView> items) {
    }

    /** A delivery; the body is not repeated (it is the event). */
    @Serdeable
    record DeliveryView(String id, String eventId, String eventType, String status, int attempts,
                        @Nullable Integer lastResponseCode, @Nullable String lastError, @Nullable Instant nextAttemptAt,
                        Instant createdAt, @Nullable Instant deliveredAt) {
        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id(), d.eventId(), d.eventType(), d.status().name(), d.attempts(),
                    d.lastResponseCode(), d.lastError(), d.nextAttemptAt(), d.createdAt(), d.deliveredAt());
        }
    }

    @Serdeable
    record DeliveryList(List<DeliveryView> items) {
    }
}
