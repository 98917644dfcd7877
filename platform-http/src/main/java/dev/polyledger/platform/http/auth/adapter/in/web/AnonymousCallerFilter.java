package dev.polyledger.platform.http.auth.adapter.in.web;

import dev.polyledger.platform.http.auth.Caller;
import dev.polyledger.platform.http.auth.Scope;
import dev.polyledger.platform.http.auth.config.AuthEnabled;
import dev.polyledger.platform.http.auth.domain.AuthIds;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.EnumSet;

/**
 * With authentication off ({@code platform.auth.enabled=false}, {@code LEDGER_AUTH_ENABLED=false}; only to measure
 * what the check costs), every request under {@code /api/v1/} is let through as key {@code anonymous} of tenant
 * {@code default} with every scope, on the event loop, with no lookup and no rate limit: nothing of the check's
 * cost remains.
 */
@ServerFilter("/api/v1/**")
@Requires(condition = AuthEnabled.Off.class)
@Order(AuthenticationFilter.ORDER)
public class AnonymousCallerFilter {
    /** The caller of every request while authentication is off. */
    public static final Caller ANONYMOUS = new Caller(AuthIds.DEFAULT_TENANT, "anonymous", EnumSet.allOf(Scope.class),
            false);

    @RequestFilter
    void letThrough(HttpRequest<?> request) {
        request.setAttribute(Caller.ATTRIBUTE, ANONYMOUS);
    }
}
