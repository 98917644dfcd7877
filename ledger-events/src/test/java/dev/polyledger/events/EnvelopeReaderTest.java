package dev.polyledger.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnvelopeReaderTest {
    private static final String EVENT_ID = "0193a1f0-7b3c-7d2e-9f10-1a2b3c4d5e6f";
    private static final String AGGREGATE_ID = "0193a1f0-7b3c-7d2e-9f10-6f5e4d3c2b1a";
    private final EnvelopeReader reader = new EnvelopeReader();

    /** A {@code transfer.posted} envelope with {@code extra} fields after {@code sequence}. */
    private static String envelope(String extra) {
        return """
                {"eventId":"%s","type":"transfer.posted","occurredAt":"2026-11-21T19:55:37.080559Z",
                 "aggregateId":"%s","sequence":1%s,"data":{"amount":"25.00"}}
                """.formatted(EVENT_ID, AGGREGATE_ID, extra);
    }

    private EnvelopeReader.Result read(String json) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private EventEnvelope<Map<String, Object>> accepted(String json) {
        var result = read(json);
        assertThat(result).isInstanceOf(EnvelopeReader.Envelope.class);
        return ((EnvelopeReader.Envelope) result).event();
    }

    private String refusal(String json) {
        var result = read(json);
        assertThat(result).isInstanceOf(EnvelopeReader.Malformed.class);
        return ((EnvelopeReader.Malformed) result).reason();
    }

    @Test
    void readsEveryFieldOfTheContract() {
        var event = accepted(envelope(",\"requestId\":\"req-1\",\"source\":\"api-node-2\",\"tenantId\":\"acme\","
                + "\"actor\":\"key_7\""));

        assertThat(event).isEqualTo(new EventEnvelope<>(UUID.fromString(EVENT_ID), "transfer.posted",
                Instant.parse("2026-11-21T19:55:37.080559Z"), UUID.fromString(AGGREGATE_ID), 1, "req-1",
                "api-node-2", "acme", "key_7", Map.of("amount", "25.00")));
    }

    @Test
    void anEnvelopeWithoutTenantOrWithANullOneBelongsToTheDefaultTenantAndHasNoActor() {
        assertThat(accepted(envelope("")).tenantId()).isEqualTo(EventEnvelope.DEFAULT_TENANT);
        assertThat(accepted(envelope(",\"tenantId\":null")).tenantId()).isEqualTo(EventEnvelope.DEFAULT_TENANT);
        assertThat(accepted(envelope("")).actor()).isNull();
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        assertThat(accepted(envelope(",\"schemaVersion\":2")).eventId()).isEqualTo(UUID.fromString(EVENT_ID));
    }

    @Test
    void refusesABlankOrNonTextTenant() {
        assertThat(refusal(envelope(",\"tenantId\":\" \""))).isEqualTo("tenantId must be a non-empty string");
        assertThat(refusal(envelope(",\"tenantId\":7"))).isEqualTo("tenantId must be a non-empty string");
    }

    @Test
    void refusesAnEventIdThatIsNotA36CharacterUuid() {
        String shortForm = envelope("").replace(EVENT_ID, "1-1-1-1-1");

        assertThat(refusal(shortForm)).isEqualTo("eventId must be a UUID, was '1-1-1-1-1'");
    }

    @Test
    void refusesMissingRequiredFields() {
        assertThat(refusal(envelope("").replace("\"type\":\"transfer.posted\",", ""))).isEqualTo("type is missing");
        assertThat(refusal(envelope("").replace(",\"data\":{\"amount\":\"25.00\"}", ""))).isEqualTo("data is missing");
    }

    @Test
    void refusesASequenceBelowOneOrNotAnInteger() {
        assertThat(refusal(envelope("").replace("\"sequence\":1", "\"sequence\":0")))
                .isEqualTo("sequence must be an integer >= 1, was 0");
        assertThat(refusal(envelope("").replace("\"sequence\":1", "\"sequence\":1.5")))
                .isEqualTo("sequence must be an integer >= 1, was 1.5");
    }

    @Test
    void refusesAnOccurredAtThatIsNotAnInstant() {
        assertThat(refusal(envelope("").replace("2026-11-21T19:55:37.080559Z", "yesterday")))
                .isEqualTo("occurredAt must be an ISO-8601 instant, was 'yesterday'");
    }

    @Test
    void refusesDuplicateKeysTrailingTokensAndNonObjects() {
        assertThat(refusal(envelope(",\"type\":\"account.created\""))).startsWith("not a JSON object");
        assertThat(refusal(envelope("") + "{}")).startsWith("not a JSON object");
        assertThat(refusal("[1]")).startsWith("not a JSON object");
        assertThat(refusal("null")).isEqualTo("not a JSON object: null");
        assertThat(reader.read(new byte[0])).isEqualTo(new EnvelopeReader.Malformed("empty body"));
    }
}
