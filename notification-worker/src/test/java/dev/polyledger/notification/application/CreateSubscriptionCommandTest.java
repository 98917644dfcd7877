package dev.polyledger.notification.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.notification.application.port.in.CreateSubscriptionCommand;
import dev.polyledger.notification.domain.InvalidSubscriptionException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command checks itself on construction and names the field at fault. */
class CreateSubscriptionCommandTest {

    private static CreateSubscriptionCommand command(String url, List<String> types, String description) {
        return new CreateSubscriptionCommand("acme", "key-1", url, types, description);
    }

    private static void assertRefused(Runnable construction, String field) {
        assertThatThrownBy(construction::run).isInstanceOf(InvalidSubscriptionException.class)
                .satisfies(e -> assertThat(((InvalidSubscriptionException) e).field()).isEqualTo(field));
    }

    @Test
    void refusesAMissingUrl() {
        assertRefused(() -> command(null, List.of("*"), null), "url");
    }

    @Test
    void refusesMissingEmptyOrUnknownEventTypes() {
        assertRefused(() -> command("https://example.com", null, null), "eventTypes");
        assertRefused(() -> command("https://example.com", List.of(), null), "eventTypes");
        assertRefused(() -> command("https://example.com", List.of("transfer.exploded"), null), "eventTypes");
        assertRefused(() -> command("https://example.com", Arrays.asList("transfer.posted", null), null), "eventTypes");
    }

    @Test
    void refusesADescriptionLongerThanAThousandCharacters() {
        assertRefused(() -> command("https://example.com", List.of("*"), "x".repeat(1001)), "description");
        assertThat(command("https://example.com", List.of("*"), "x".repeat(1000)).description()).hasSize(1000);
    }

    @Test
    void dropsRepeatedEventTypesAndFingerprintsTheRequestItself() {
        var twice = command("https://example.com", List.of("transfer.posted", "transfer.posted"), "d");
        var once = command("https://example.com", List.of("transfer.posted"), "d");

        assertThat(twice.eventTypes()).containsExactly("transfer.posted");
        assertThat(twice.fingerprint()).isEqualTo(once.fingerprint())
                .isNotEqualTo(command("https://example.com", List.of("transfer.posted"), null).fingerprint())
                .isNotEqualTo(command("https://example.org", List.of("transfer.posted"), "d").fingerprint());
    }
}
