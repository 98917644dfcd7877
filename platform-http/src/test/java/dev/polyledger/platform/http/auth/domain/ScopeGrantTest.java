package dev.polyledger.platform.http.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.platform.http.auth.Scope;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeGrantTest {

    @Test
    void a_key_may_grant_what_it_holds_or_less() {
        Set<Scope> held = EnumSet.of(Scope.LEDGER_READ, Scope.LEDGER_WRITE, Scope.KEYS_MANAGE);

        assertThat(ScopeGrant.notHeld(held, EnumSet.of(Scope.LEDGER_READ))).isEmpty();
        assertThat(ScopeGrant.notHeld(held, held)).isEmpty();
    }

    @Test
    void a_key_cannot_grant_what_it_does_not_hold() {
        Set<Scope> held = EnumSet.of(Scope.LEDGER_READ, Scope.KEYS_MANAGE);

        assertThat(ScopeGrant.notHeld(held, EnumSet.of(Scope.LEDGER_READ, Scope.LEDGER_WRITE, Scope.AUDIT_READ)))
                .containsExactly(Scope.LEDGER_WRITE, Scope.AUDIT_READ);
    }
}
