package dev.polyledger.ledger.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.ledger.domain.ValidationException;
import dev.polyledger.platform.http.ApiException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Ids in paths name nothing unless they are 36-character UUIDs; ids in bodies are refused naming the field. */
class IdsTest {
    private static final String ID = "0193a1f0-7b3c-7d2e-9f10-1a2b3c4d5e6f";

    private static String codeOf(Runnable parse) {
        try {
            parse.run();
        } catch (ApiException e) {
            return e.problem().status() + " " + e.problem().code();
        }
        throw new AssertionError("parsed");
    }

    @Test
    void readsA36CharacterUuidFromEachKindOfPath() {
        assertThat(Ids.accountInPath(ID).value()).isEqualTo(UUID.fromString(ID));
        assertThat(Ids.transferInPath(ID).value()).isEqualTo(UUID.fromString(ID));
        assertThat(Ids.batchInPath(ID)).isEqualTo(UUID.fromString(ID));
    }

    @Test
    void aShortFormThatUuidFromStringWouldAcceptNamesNothing() {
        assertThat(codeOf(() -> Ids.accountInPath("1-1-1-1-1"))).isEqualTo("404 ACCOUNT_NOT_FOUND");
        assertThat(codeOf(() -> Ids.transferInPath("1-1-1-1-1"))).isEqualTo("404 TRANSFER_NOT_FOUND");
        assertThat(codeOf(() -> Ids.batchInPath("1-1-1-1-1"))).isEqualTo("404 BATCH_NOT_FOUND");
    }

    @Test
    void anIdInABodyThatIsNotAUuidIsAValidationFailureOfItsField() {
        assertThatThrownBy(() -> Ids.accountInBody("sourceAccountId", "1-1-1-1-1"))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("sourceAccountId"));
        assertThat(Ids.accountInBody("sourceAccountId", null)).isNull();
    }
}
