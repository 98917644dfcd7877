package dev.polyledger.platform.http.auth.domain;

import dev.polyledger.platform.http.auth.Scope;
import java.util.Set;

/**
 * Whether a key may call a route, from what the route requires ({@code @RequiredScope}) and what the key holds.
 * Routes fail closed: a route that names no scope is refused to every key, the operator's included, so that a
 * controller someone forgot to annotate is never open. Checks in order: a scope named, the operator rule, the scope.
 */
public final class RouteAccess {
    private RouteAccess() {
    }

    /** The verdict. */
    public enum Verdict {
        ALLOWED,
        /** The route names no required scope. */
        NO_SCOPE_NAMED,
        /** The route is for the operator key only. */
        OPERATOR_ONLY,
        /** The key does not hold the route's scope. */
        SCOPE_NOT_HELD
    }

    /**
     * @param required     the route's scope, or null when it names none
     * @param operatorOnly whether the route is for the operator key only
     * @param held         the key's scopes
     * @param operator     whether the key is the operator key
     */
    public static Verdict judge(Scope required, boolean operatorOnly, Set<Scope> held, boolean operator) {
        if (required == null) {
            return Verdict.NO_SCOPE_NAMED;
        }
        if (operatorOnly && !operator) {
            return Verdict.OPERATOR_ONLY;
        }
        return held.contains(required) ? Verdict.ALLOWED : Verdict.SCOPE_NOT_HELD;
    }
}
