package dev.polyledger.notification.application.port.in;

import java.time.Instant;
import java.util.Objects;

/**
 * A ledger event received from the broker, to be delivered to its tenant's subscriptions.
 *
 * @param eventId   the envelope's {@code eventId}: the {@code webhook-id} of every attempt; not blank
 * @param eventType its {@code type} (routing key); not blank
 * @param tenantId  its tenant ({@code default} for an event published before tenants existed); not blank
 * @param body      the envelope JSON exactly as received: what endpoints get and what the signature covers
 * @param occurredAt the envelope's {@code occurredAt} (the commit time), where the commit → delivery lag starts;
 *                  null when unknown
 * @throws IllegalArgumentException when a field but {@code occurredAt} is null or blank
 */
public record ScheduleDeliveriesCommand(String eventId, String eventType, String tenantId, String body,
                                        Instant occurredAt) {
    public ScheduleDeliveriesCommand {
        requireText(eventId, "eventId");
        requireText(eventType, "eventType");
        requireText(tenantId, "tenantId");
        Objects.requireNonNull(body, "body");
    }

    /** An event whose time is not known. */
    public ScheduleDeliveriesCommand(String eventId, String eventType, String tenantId, String body) {
        this(eventId, eventType, tenantId, body, null);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
