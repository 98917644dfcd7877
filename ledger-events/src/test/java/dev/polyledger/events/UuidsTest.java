package dev.polyledger.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidsTest {

    @Test
    void parsesTheCanonical36CharacterForm() {
        UUID id = UUID.randomUUID();

        assertThat(Uuids.parse(id.toString())).contains(id);
        assertThat(Uuids.parse(id.toString().toUpperCase())).contains(id);
    }

    @Test
    void refusesWhatUuidFromStringWouldWidenOrAccept() {
        assertThat(UUID.fromString("1-1-1-1-1")).isNotNull();
        assertThat(Uuids.parse("1-1-1-1-1")).isEmpty();
        assertThat(Uuids.parse("0193a1f0-7b3c-7d2e-9f10-1a2b3c4d5e6")).isEmpty();
        assertThat(Uuids.parse("0193a1f0-7b3c-7d2e-9f10-1a2b3c4d5e6f0")).isEmpty();
        assertThat(Uuids.parse("0193a1f0x7b3c-7d2e-9f10-1a2b3c4d5e6f")).isEmpty();
        assertThat(Uuids.parse("zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz")).isEmpty();
        assertThat(Uuids.parse(null)).isEmpty();
    }
}
