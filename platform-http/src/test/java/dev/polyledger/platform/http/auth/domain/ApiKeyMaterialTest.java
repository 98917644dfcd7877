package dev.polyledger.platform.http.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyMaterialTest {
    private final ApiKeyMaterial material = new ApiKeyMaterial(new SecureRandom());

    @Test
    void a_key_is_plk_and_the_unpadded_base64url_of_32_random_bytes() {
        String key = material.generate().key();

        assertThat(key).startsWith("plk_").hasSize(47).matches("plk_[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(key.substring(4))).hasSize(32);
    }

    @Test
    void keys_do_not_repeat() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            keys.add(material.generate().key());
        }
        assertThat(keys).hasSize(10_000);
    }

    @Test
    void the_stored_hash_is_the_sha256_hex_of_the_whole_key() {
        // FIPS 180-2 test vector: SHA-256("abc").
        assertThat(ApiKeyMaterial.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

        var secret = material.generate();
        assertThat(secret.hash()).isEqualTo(ApiKeyMaterial.hash(secret.key())).matches("[0-9a-f]{64}");
    }

    @Test
    void the_listed_prefix_is_the_first_12_characters() {
        var secret = material.generate();

        assertThat(secret.prefix()).hasSize(12).isEqualTo(secret.key().substring(0, 12)).startsWith("plk_");
    }

    @Test
    void the_secret_is_not_in_the_string_form() {
        var secret = material.generate();

        assertThat(secret.toString()).doesNotContain(secret.key()).doesNotContain(secret.hash()).contains(secret.prefix());
    }

    @Test
    void only_tokens_of_a_keys_shape_are_looked_up() {
        assertThat(ApiKeyMaterial.hasKeyShape(material.generate().key())).isTrue();
        assertThat(ApiKeyMaterial.hasKeyShape("plk_short")).isFalse();
        assertThat(ApiKeyMaterial.hasKeyShape("xyz_" + "a".repeat(43))).isFalse();
        assertThat(ApiKeyMaterial.hasKeyShape("plk_" + "a".repeat(42) + "=")).isFalse();
        assertThat(ApiKeyMaterial.hasKeyShape("plk_" + "a".repeat(44))).isFalse();
    }
}
