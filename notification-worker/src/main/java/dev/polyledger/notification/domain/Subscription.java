package dev.polyledger.notification.domain;

import dev.polyledger.events.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A webhook endpoint of one tenant, subscribed to event types. It receives only its tenant's events
 * (api-contract.md, "Authentication and tenants").
 *
 * <p>Secrets: {@code secret} is the current one; after a {@link #rotated rotation} the replaced secrets keep signing
 * beside it until their {@link PreviousSecret#expiresAt()} (24 h by default, {@code notification.secret-rotation.overlap}):
 * a delivery then carries one {@code v1,} signature per {@link #signingSecrets signing secret} (Standard Webhooks,
 * "Signature scheme": the header may hold several space-separated signatures), so a receiver can switch to the new
 * secret at its own pace within the overlap.
 *
 * @param id              {@code wh_…}, generated
 * @param tenantId        the tenant that owns it; subscriptions written before tenants existed belong to
 *                        {@value dev.polyledger.events.EventEnvelope#DEFAULT_TENANT}
 * @param url             the endpoint, accepted by {@link UrlPolicy}
 * @param eventTypes      routing keys of {@link EventType}, or {@value #ALL}; not empty, no duplicates
 * @param secret          the current {@code whsec_…}, see {@link WebhookSignature}
 * @param previousSecrets secrets replaced by rotations, with when each stops signing; expired ones may linger until
 *                        the next rotation drops them, and never sign
 * @param description     free text, may be null
 * @param status          ENABLED, or DISABLED once the endpoint answered 410 Gone
 * @param createdAt       creation time (UTC)
 */
public record Subscription(String id, String tenantId, String url, List<String> eventTypes, String secret,
                           List<PreviousSecret> previousSecrets, String description, Status status, Instant createdAt) {
    /** The event type that matches every event. */
    public static final String ALL = "*";
    public static final int MAX_DESCRIPTION = 1000;
    /**
     * Replaced secrets kept signing at most: a rotation beyond this drops the one that would expire first, so a
     * client rotating in a loop cannot make every delivery carry an unbounded header.
     */
    public static final int MAX_PREVIOUS_SECRETS = 5;

    public enum Status { ENABLED, DISABLED }

    /**
     * A secret replaced by a rotation.
     *
     * @param secret    {@code whsec_…}
     * @param expiresAt the instant from which it no longer signs (exclusive)
     */
    public record PreviousSecret(String secret, Instant expiresAt) {
        public PreviousSecret {
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    public Subscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(url, "url");
        eventTypes = List.copyOf(eventTypes);
        Objects.requireNonNull(secret, "secret");
        previousSecrets = previousSecrets == null ? List.of() : List.copyOf(previousSecrets);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A new ENABLED subscription with one secret. */
    public static Subscription create(String id, String tenantId, String url, List<String> eventTypes, String secret,
                                      String description, Instant createdAt) {
        return new Subscription(id, tenantId, url, eventTypes, secret, List.of(), description, Status.ENABLED,
                createdAt);
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

    /**
     * Whether an event of this tenant and type goes to this endpoint: ENABLED, the same tenant, and subscribed to the
     * type. An event of another tenant is never delivered, whatever the store returned.
     */
    public boolean wants(String eventTenantId, String eventType) {
        return status == Status.ENABLED && tenantId.equals(eventTenantId)
                && (eventTypes.contains(ALL) || eventTypes.contains(eventType));
    }

    /** Whether it belongs to the tenant. */
    public boolean belongsTo(String tenant) {
        return tenantId.equals(tenant);
    }

    /**
     * The secrets that sign a delivery attempted at {@code now}: the current one first, then every previous secret
     * whose overlap has not ended ({@code now < expiresAt}), newest first.
     */
    public List<String> signingSecrets(Instant now) {
        List<String> secrets = new ArrayList<>();
        secrets.add(secret);
        previousSecrets.stream().filter(p -> now.isBefore(p.expiresAt()))
                .sorted(Comparator.comparing(PreviousSecret::expiresAt).reversed())
                .forEach(p -> secrets.add(p.secret()));
        return secrets;
    }

    /**
     * This subscription with {@code newSecret} as its current secret; the replaced one keeps signing until
     * {@code now + overlap}. Previous secrets already expired at {@code now} are dropped; of the rest, at most
     * {@value #MAX_PREVIOUS_SECRETS} are kept (those expiring last). A second rotation within the overlap thus keeps
     * the first replaced secret too: a receiver still on it, or a client whose first rotation's answer was lost,
     * is not cut off before its overlap ends.
     *
     * @param overlap how long the replaced secret keeps signing, >= 0 (0: it stops at once)
     */
    public Subscription rotated(String newSecret, Instant now, Duration overlap) {
        Objects.requireNonNull(newSecret, "newSecret");
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("overlap must be >= 0, was " + overlap);
        }
        List<PreviousSecret> kept = new ArrayList<>();
        kept.add(new PreviousSecret(secret, now.plus(overlap)));
        previousSecrets.stream().filter(p -> now.isBefore(p.expiresAt())).forEach(kept::add);
        kept.sort(Comparator.comparing(PreviousSecret::expiresAt).reversed());
        List<PreviousSecret> bounded = kept.subList(0, Math.min(kept.size(), MAX_PREVIOUS_SECRETS));
        return new Subscription(id, tenantId, url, eventTypes, newSecret, bounded, description, status, createdAt);
    }
}
