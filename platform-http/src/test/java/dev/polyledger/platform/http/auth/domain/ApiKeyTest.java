package dev.polyledger.platform.http.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.platform.http.auth.Scope;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyTest {
    private static final Instant CREATED = Instant.parse("2026-11-30T10:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-12-01T10:00:00Z");

    private static ApiKey key(Instant expiresAt) {
        return new ApiKey("key_aaaaaaaaaaaaaaaaaaaa", "default", "ci", "plk_abcdefgh", "0".repeat(64),
                Set.of(Scope.LEDGER_READ), null, CREATED, expiresAt, null);
    }

    @Test
    void a_key_is_refused_from_the_instant_it_expires() {
        ApiKey key = key(EXPIRES);

        assertThat(key.isUsableAt(EXPIRES.minusNanos(1))).isTrue();
        assertThat(key.isUsableAt(EXPIRES)).isFalse();
        assertThat(key.isUsableAt(EXPIRES.plusSeconds(1))).isFalse();
    }

    @Test
    void a_key_without_expiry_works_until_revoked() {
        ApiKey key = key(null);

        assertThat(key.isUsableAt(Instant.parse("2100-01-01T00:00:00Z"))).isTrue();
        assertThat(key.revokedAt(CREATED.plusSeconds(5)).isUsableAt(CREATED.plusSeconds(6))).isFalse();
    }

    @Test
    void revoking_twice_keeps_the_first_revocation() {
        ApiKey revoked = key(null).revokedAt(CREATED.plusSeconds(5));

        assertThat(revoked.revokedAt(CREATED.plusSeconds(60)).revokedAt()).isEqualTo(CREATED.plusSeconds(5));
    }

    @Test
    void the_hash_is_not_in_the_string_form() {
        ApiKey key = new ApiKey("key_aaaaaaaaaaaaaaaaaaaa", "default", "ci", "plk_abcdefgh", "f00d".repeat(16),
                Set.of(Scope.LEDGER_READ), null, CREATED, null, null);

        assertThat(key.toString()).doesNotContain("f00d").contains("key_aaaaaaaaaaaaaaaaaaaa");
    }
}
