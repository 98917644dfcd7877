package dev.polyledger.platform.http.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class AuthIdsTest {
    private final AuthIds ids = new AuthIds(new SecureRandom());

    @Test
    void key_ids_are_key_and_20_lower_case_base32_characters() {
        assertThat(ids.newKeyId()).matches("key_[a-z2-7]{20}");
        assertThat(ids.newKeyId()).isNotEqualTo(ids.newKeyId());
    }

    @Test
    void tenant_ids_are_ten_and_20_characters_and_pass_the_tenant_id_rule() {
        String id = ids.newTenantId();

        assertThat(id).matches("ten_[a-z2-7]{20}");
        assertThat(AuthIds.isTenantId(id)).isTrue();
    }

    @Test
    void the_tenant_id_rule_takes_default_and_refuses_other_shapes() {
        assertThat(AuthIds.isTenantId("default")).isTrue();
        assertThat(AuthIds.isTenantId("a".repeat(63))).isTrue();
        assertThat(AuthIds.isTenantId("a".repeat(64))).isFalse();
        assertThat(AuthIds.isTenantId("Default")).isFalse();
        assertThat(AuthIds.isTenantId("-x")).isFalse();
        assertThat(AuthIds.isTenantId("")).isFalse();
        assertThat(AuthIds.isTenantId(null)).isFalse();
    }
}
