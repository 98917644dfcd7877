package dev.polyledger.notification.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The delivery of one event to one subscription, with its retry state. Its id is {@code eventId:subscriptionId}, so
 * an event redelivered by the broker schedules no second delivery.
 *
 * <p>Outcomes of an attempt ({@link #after}): 2xx → DELIVERED; 410 → DEAD_LETTERED at once (the caller disables
 * the subscription); anything else — 429, 5xx, other 4xx (as Svix does: a misconfigured endpoint may be fixed),
 * timeout, connection error — is retried per the {@link RetrySchedule} and DEAD_LETTERED after its last attempt.
 *
 * @param tenantId         the tenant of the event and of the subscription (always the same one); deliveries written
 *                         before tenants existed belong to {@value dev.polyledger.events.EventEnvelope#DEFAULT_TENANT}
 * @param attempts         attempts made, >= 0
 * @param lastResponseCode the HTTP status of the last attempt, null before the first or when there was none
 * @param nextAttemptAt    when a PENDING delivery is due
 * @param body             the event envelope JSON, exactly as received: the request body of every attempt
 */
public record Delivery(String id, String tenantId, String subscriptionId, String eventId, String eventType, String body, Status status,
                       int attempts, Integer lastResponseCode, String lastError, Instant nextAttemptAt,
                       Instant createdAt, Instant deliveredAt) {

    public enum Status { PENDING, DELIVERED, DEAD_LETTERED }

    public Delivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(status, "status");
    }

    public static String idOf(String eventId, String subscriptionId) {
        return eventId + ":" + subscriptionId;
    }

    /** A new delivery of the event to the subscription (of the event's tenant), due now. */
    public static Delivery schedule(String eventId, String eventType, String body, Subscription subscription,
                                    Instant now) {
        String subscriptionId = subscription.id();
        return new Delivery(idOf(eventId, subscriptionId), subscription.tenantId(), subscriptionId, eventId, eventType,
                body, Status.PENDING, 0, null, null, now, now, null);
    }

    /** This delivery after an attempt that ended at {@code now}. */
    public Delivery after(AttemptResult result, Instant now, RetrySchedule schedule, DoubleSupplier random) {
        int made = attempts + 1;
        Integer code = result.statusCode() == 0 ? null : result.statusCode();
        if (result.delivered()) {
            return new Delivery(id, tenantId, subscriptionId, eventId, eventType, body, Status.DELIVERED, made, code, null, null,
                    createdAt, now);
        }
        if (result.gone()) {
            return new Delivery(id, tenantId, subscriptionId, eventId, eventType, body, Status.DEAD_LETTERED, made, code,
                    "endpoint answered 410 Gone: subscription disabled", null, createdAt, null);
        }
        Duration wait = schedule.nextDelay(made, result.retryAfter(), random);
        if (wait == null) {
            return new Delivery(id, tenantId, subscriptionId, eventId, eventType, body, Status.DEAD_LETTERED, made, code,
                    result.error(), null, createdAt, null);
        }
        return new Delivery(id, tenantId, subscriptionId, eventId, eventType, body, Status.PENDING, made, code, result.error(),
                now.plus(wait), createdAt, null);
    }

    /** The same delivery, due later without an attempt made (its subscription could not be read meanwhile). */
    public Delivery postponed(Instant until) {
        return new Delivery(id, tenantId, subscriptionId, eventId, eventType, body, status, attempts, lastResponseCode,
                lastError, until, createdAt, deliveredAt);
    }

    /** Given up without an attempt (the subscription was disabled or deleted meanwhile). */
    public Delivery abandoned(String reason) {
        return new Delivery(id, tenantId, subscriptionId, eventId, eventType, body, Status.DEAD_LETTERED, attempts,
                lastResponseCode, reason, null, createdAt, null);
    }
}
