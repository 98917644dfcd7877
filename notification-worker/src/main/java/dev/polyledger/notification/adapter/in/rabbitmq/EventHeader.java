package dev.polyledger.notification.adapter.in.rabbitmq;

import dev.polyledger.events.EnvelopeReader;
import dev.polyledger.events.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What the worker keeps of an envelope to schedule its deliveries; the body itself is delivered untouched. The
 * envelope is read and validated by the contract's one reader ({@link EnvelopeReader}, the same as the
 * audit-worker's), so a message the audit-worker dead-letters as malformed is dead-lettered here too.
 *
 * @param eventId  the envelope's {@code eventId}, a UUID string
 * @param type     its {@code type} (routing key), non-blank
 * @param tenantId its {@code tenantId}; {@value EventEnvelope#DEFAULT_TENANT} when absent or null (published before
 *                 tenants existed)
 * @param occurredAt its {@code occurredAt}: the commit time of the change
 */
record EventHeader(String eventId, String type, String tenantId, Instant occurredAt) {
    private static final EnvelopeReader READER = new EnvelopeReader();

    /** @throws IllegalArgumentException when the body is not an envelope of the contract, with the reason */
    static EventHeader read(String body) {
        var read = READER.read(body.getBytes(StandardCharsets.UTF_8));
        if (read instanceof EnvelopeReader.Malformed malformed) {
            throw new IllegalArgumentException(malformed.reason());
        }
        EventEnvelope<?> event = ((EnvelopeReader.Envelope) read).event();
        return new EventHeader(event.eventId().toString(), event.type(), event.tenantId(), event.occurredAt());
    }
}
