package dev.polyledger.ledger.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataTest {

    @Test
    void acceptsFiftyKeys() {
        assertThat(new Metadata(keys(50)).values()).hasSize(50);
    }

    @Test
    void rejectsFiftyOneKeys() {
        assertRejected(() -> new Metadata(keys(51)), "more than 50 keys");
    }

    @Test
    void acceptsAKeyOfFortyCharacters() {
        assertThat(new Metadata(Map.of("k".repeat(40), "v")).values()).containsKey("k".repeat(40));
    }

    @Test
    void rejectsAKeyOfFortyOneCharacters() {
        assertRejected(() -> new Metadata(Map.of("k".repeat(41), "v")), "keys must have 1..40 characters");
    }

    @Test
    void rejectsAnEmptyKey() {
        assertRejected(() -> new Metadata(Map.of("", "v")), "keys must have 1..40 characters");
    }

    @Test
    void rejectsANullKey() {
        var values = new HashMap<String, String>();
        values.put(null, "v");

        assertRejected(() -> new Metadata(values), "keys must have 1..40 characters");
    }

    @Test
    void acceptsAValueOfFiveHundredCharacters() {
        assertThat(new Metadata(Map.of("k", "v".repeat(500))).values().get("k")).hasSize(500);
    }

    @Test
    void rejectsAValueOfFiveHundredOneCharacters() {
        assertRejected(() -> new Metadata(Map.of("k", "v".repeat(501))), "at most 500 characters");
    }

    @Test
    void rejectsANullValue() {
        var values = new HashMap<String, String>();
        values.put("k", null);

        assertRejected(() -> new Metadata(values), "'k'");
    }

    @Test
    void treatsNullAsNoMetadata() {
        assertThat(new Metadata(null).values()).isEmpty();
        assertThat(Metadata.of(null)).isSameAs(Metadata.empty());
        assertThat(Metadata.of(Map.of())).isSameAs(Metadata.empty());
    }

    @Test
    void keepsPairsSortedByKeyAndUnmodifiable() {
        var values = new LinkedHashMap<String, String>();
        values.put("zeta", "1");
        values.put("alpha", "2");

        Metadata metadata = Metadata.of(values);

        assertThat(metadata.values().keySet()).containsExactly("alpha", "zeta");
        assertThatThrownBy(() -> metadata.values().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void isNotChangedByLaterChangesToTheMapItWasMadeFrom() {
        var values = new HashMap<String, String>();
        values.put("k", "before");
        Metadata metadata = Metadata.of(values);

        values.put("k", "after");
        values.put("other", "x");

        assertThat(metadata.values()).containsExactlyEntriesOf(Map.of("k", "before"));
    }

    @Test
    void equalsMetadataWithTheSamePairsInAnotherOrder() {
        var first = new LinkedHashMap<String, String>();
        first.put("a", "1");
        first.put("b", "2");
        var second = new LinkedHashMap<String, String>();
        second.put("b", "2");
        second.put("a", "1");

        assertThat(Metadata.of(first)).isEqualTo(Metadata.of(second));
    }

    private static Map<String, String> keys(int count) {
        var values = new HashMap<String, String>();
        for (int i = 0; i < count; i++) {
            values.put("key" + i, "value" + i);
        }
        return values;
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("metadata"))
                .hasMessageContaining(message);
    }
}
