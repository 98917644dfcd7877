package dev.polyledger.notification.adapter.in.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What the listener reads of an envelope: the event's id, type and tenant. */
class EventHeaderTest {
    private static final String ID = "0193a6b4-1c2d-7e8f-9a0b-1c2d3e4f5a6b";

    @Test
    void readsTheTenantOfTheEnvelope() {
        var header = EventHeader.read("{\"eventId\":\"" + ID + "\",\"type\":\"transfer.posted\",\"tenantId\":\"ten_a\","
                + "\"data\":{}}");

        assertThat(header).isEqualTo(new EventHeader(ID, "transfer.posted", "ten_a"));
    }

    @Test
    void anEnvelopeWithoutTenantIsTheDefaultTenants() {
        assertThat(EventHeader.read("{\"eventId\":\"" + ID + "\",\"type\":\"transfer.posted\"}").tenantId())
                .isEqualTo("default");
        assertThat(EventHeader.read("{\"eventId\":\"" + ID + "\",\"type\":\"transfer.posted\",\"tenantId\":null}")
                .tenantId()).isEqualTo("default");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"tenantId\":7", "\"tenantId\":\"\"", "\"tenantId\":\" \"", "\"tenantId\":[\"a\"]",
            "\"tenantId\":true"})
    void refusesATenantThatIsNotANonEmptyString(String tenant) {
        assertThatThrownBy(() -> EventHeader.read("{\"eventId\":\"" + ID + "\",\"type\":\"transfer.posted\"," + tenant
                + "}")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenantId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{\"type\":\"transfer.posted\"}",
            "{\"eventId\":\"nope\",\"type\":\"transfer.posted\"}", "{\"eventId\":\"" + ID + "\"}",
            "{\"eventId\":\"" + ID + "\",\"type\":\" \"}"})
    void refusesWhatIsNotAnEnvelope(String body) {
        assertThatThrownBy(() -> EventHeader.read(body)).isInstanceOf(IllegalArgumentException.class);
    }
}
