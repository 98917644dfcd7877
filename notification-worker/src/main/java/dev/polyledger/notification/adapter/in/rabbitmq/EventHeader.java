package dev.polyledger.notification.adapter.in.rabbitmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polyledger.events.EventEnvelope;
import java.util.UUID;

/**
 * What the worker reads of an envelope to schedule its deliveries; the body itself is delivered untouched.
 *
 * @param eventId  the envelope's {@code eventId}, a UUID string
 * @param type     its {@code type} (routing key), non-blank
 * @param tenantId its {@code tenantId}; {@value EventEnvelope#DEFAULT_TENANT} when absent or null (published before
 *                 tenants existed)
 */
record EventHeader(String eventId, String type, String tenantId) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @throws IllegalArgumentException when the body is not a JSON object, {@code eventId} is not a UUID, {@code type}
     *                                  is missing or blank, or {@code tenantId} is present but not a non-empty string
     */
    static EventHeader read(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String eventId = root.path("eventId").asText("");
        String type = root.path("type").asText("");
        if (eventId.length() != 36) {
            throw new IllegalArgumentException("eventId must be a UUID");
        }
        UUID.fromString(eventId);
        if (type.isBlank()) {
            throw new IllegalArgumentException("type is missing");
        }
        JsonNode tenant = root.path("tenantId");
        if (tenant.isMissingNode() || tenant.isNull()) {
            return new EventHeader(eventId, type, EventEnvelope.DEFAULT_TENANT);
        }
        if (!tenant.isTextual() || tenant.asText().isBlank()) {
            throw new IllegalArgumentException("tenantId must be a non-empty string");
        }
        return new EventHeader(eventId, type, tenant.asText());
    }
}
