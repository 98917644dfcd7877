package dev.polyledger.platform.http.auth.domain;

import dev.polyledger.platform.http.auth.Scope;
import java.util.EnumSet;
import java.util.Set;

/**
 * The rule that a key never grants more than it holds (api-contract.md, "Authentication and tenants"): a new key's
 * scopes must be a subset of its creator's.
 */
public final class ScopeGrant {
    private ScopeGrant() {
    }

    /** The requested scopes the creator does not hold, in declaration order; empty when the grant is allowed. */
    public static Set<Scope> notHeld(Set<Scope> held, Set<Scope> requested) {
        EnumSet<Scope> missing = requested.isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(requested);
        missing.removeAll(held);
        return missing;
    }
}
