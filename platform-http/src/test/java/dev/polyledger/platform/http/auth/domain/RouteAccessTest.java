package dev.polyledger.platform.http.auth.domain;

import static dev.polyledger.platform.http.auth.domain.RouteAccess.judge;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.platform.http.auth.Scope;
import dev.polyledger.platform.http.auth.domain.RouteAccess.Verdict;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteAccessTest {
    private static final Set<Scope> READER = EnumSet.of(Scope.LEDGER_READ);
    private static final Set<Scope> EVERYTHING = EnumSet.allOf(Scope.class);

    @Test
    void a_key_holding_the_routes_scope_may_call_it() {
        assertThat(judge(Scope.LEDGER_READ, false, READER, false)).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void a_key_without_the_routes_scope_may_not() {
        assertThat(judge(Scope.LEDGER_WRITE, false, READER, false)).isEqualTo(Verdict.SCOPE_NOT_HELD);
    }

    @Test
    void a_route_naming_no_scope_is_closed_even_to_the_operator() {
        assertThat(judge(null, false, EVERYTHING, true)).isEqualTo(Verdict.NO_SCOPE_NAMED);
    }

    @Test
    void operator_routes_refuse_a_key_with_every_scope_and_admit_the_operator() {
        assertThat(judge(Scope.KEYS_MANAGE, true, EVERYTHING, false)).isEqualTo(Verdict.OPERATOR_ONLY);
        assertThat(judge(Scope.KEYS_MANAGE, true, EVERYTHING, true)).isEqualTo(Verdict.ALLOWED);
    }
}
