package dev.polyledger.notification.domain;

import dev.polyledger.events.EventType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A webhook endpoint subscribed to event types.
 *
 * @param id          {@code wh_…}, generated
 * @param url         the endpoint, accepted by {@link UrlPolicy}
 * @param eventTypes  routing keys of {@link EventType}, or {@value #ALL}; not empty, no duplicates
 * @param secret      {@code whsec_…}, see {@link WebhookSignature}
 * @param description free text, may be null
 * @param status      ENABLED, or DISABLED once the endpoint answered 410 Gone
 * @param createdAt   creation time (UTC)
 */
public record Subscription(String id, String url, List<String> eventTypes, String secret, String description,
                           Status status, Instant createdAt) {
    /** The event type that matches every event. */
    public static final String ALL = "*";
    public static final int MAX_DESCRIPTION = 1000;

    public enum Status { ENABLED, DISABLED }

    public Subscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        eventTypes = List.copyOf(eventTypes);
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * The event types of a request, checked.
     *
     * @throws InvalidSubscriptionException (field {@code eventTypes}) when empty, or naming an unknown type
     */
    public static List<String> checkEventTypes(List<String> eventTypes) {
        if (eventTypes == null || eventTypes.isEmpty()) {
            throw new InvalidSubscriptionException("eventTypes", "eventTypes must list at least one event type or \"*\"");
        }
        for (String type : eventTypes) {
            if (type == null || !(ALL.equals(type) || EventType.fromRoutingKey(type).isPresent())) {
                throw new InvalidSubscriptionException("eventTypes", "unknown event type '" + type + "'; known: "
                        + java.util.Arrays.stream(EventType.values()).map(EventType::routingKey).toList() + " or \"*\"");
            }
        }
        return eventTypes.stream().distinct().toList();
    }

    /** Whether an event of this type goes to this endpoint (ENABLED and subscribed). */
    public boolean wants(String eventType) {
        return status == Status.ENABLED && (eventTypes.contains(ALL) || eventTypes.contains(eventType));
    }

    public Subscription disabled() {
        return new Subscription(id, url, eventTypes, secret, description, Status.DISABLED, createdAt);
    }
}
