package dev.polyledger.platform.http.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BootstrapKeyTest {
    private static final String KEY = "operator-key-0123456789abcdefghijkl";

    @Test
    void the_exact_operator_key_matches() {
        assertThat(new BootstrapKey(KEY).matches(KEY)).isTrue();
        assertThat(new BootstrapKey(KEY).matchesDigest(ApiKeyMaterial.sha256(KEY))).isTrue();
    }

    @Test
    void anything_else_does_not_match() {
        BootstrapKey bootstrap = new BootstrapKey(KEY);

        assertThat(bootstrap.matches(KEY + "x")).isFalse();
        assertThat(bootstrap.matches(KEY.substring(0, KEY.length() - 1))).isFalse();
        assertThat(bootstrap.matches(KEY.toUpperCase())).isFalse();
        assertThat(bootstrap.matches("")).isFalse();
    }

    @Test
    void a_key_shorter_than_32_characters_is_refused_without_being_shown() {
        String shortKey = "s3cret-but-only-31-characters!!";

        assertThatThrownBy(() -> new BootstrapKey(shortKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("31 characters")
                .hasMessageContaining("at least 32")
                .hasMessageNotContaining(shortKey);
        assertThat(new BootstrapKey("x".repeat(32)).matches("x".repeat(32))).isTrue();
    }

    @Test
    void the_key_is_not_in_the_string_form() {
        assertThat(new BootstrapKey(KEY).toString()).doesNotContain(KEY);
    }
}
