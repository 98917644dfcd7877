package dev.polyledger.notification.adapter.in.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.platform.testing.Events;
import dev.polyledger.platform.testing.TenantEvents;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the listener keeps of an envelope: the event's id, type and tenant; the rest of the validation is shared. */
class EventHeaderTest {
    private static final UUID ID = UUID.fromString("0193a6b4-1c2d-7e8f-9a0b-1c2d3e4f5a6b");
    private static final Instant AT = Instant.parse("2026-11-21T19:55:37Z");

    private static String transferPosted() {
        return Events.transferPosted(ID, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), AT);
    }

    @Test
    void readsTheIdTypeTenantAndCommitTimeOfTheEnvelope() {
        var header = EventHeader.read(TenantEvents.of("ten_a", "key_1", transferPosted()));

        assertThat(header).isEqualTo(new EventHeader(ID.toString(), "transfer.posted", "ten_a", AT));
    }

    @Test
    void anEnvelopeWithoutTenantIsTheDefaultTenants() {
        assertThat(EventHeader.read(transferPosted()).tenantId()).isEqualTo("default");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"tenantId\":7", "\"tenantId\":\"\"", "\"tenantId\":\" \"", "\"tenantId\":[\"a\"]",
            "\"tenantId\":true"})
    void refusesATenantThatIsNotANonEmptyString(String tenant) {
        String body = transferPosted().replaceFirst("\\{", "{" + tenant + ",");

        assertThatThrownBy(() -> EventHeader.read(body)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tenantId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{\"type\":\"transfer.posted\"}",
            "{\"eventId\":\"nope\",\"type\":\"transfer.posted\"}"})
    void refusesWhatIsNotAnEnvelope(String body) {
        assertThatThrownBy(() -> EventHeader.read(body)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAnEnvelopeTheAuditWorkerWouldDeadLetterToo() {
        String withoutOccurredAt = transferPosted().replaceFirst("\"occurredAt\":\"[^\"]*\",", "");

        assertThatThrownBy(() -> EventHeader.read(withoutOccurredAt)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("occurredAt is missing");
    }
}
