package dev.polyledger.ledger.adapter.in.web;

import dev.polyledger.ledger.application.port.in.RequestContext;
import dev.polyledger.ledger.domain.TenantId;
import dev.polyledger.platform.http.RequestIdFilter;
import dev.polyledger.platform.http.auth.Caller;
import io.micronaut.http.HttpRequest;

/**
 * The authenticated caller of a request (left by platform-http's authentication filter) in the application's
 * terms: the tenant whose ledger it may see, and the context every command carries into rows and events.
 */
final class Callers {
    private Callers() {
    }

    /** The tenant of the request's API key. */
    static TenantId tenant(HttpRequest<?> request) {
        return new TenantId(Caller.of(request).tenantId());
    }

    /** Tenant, actor (the API key's id) and {@code X-Request-Id} of the request. */
    static RequestContext context(HttpRequest<?> request) {
        Caller caller = Caller.of(request);
        return new RequestContext(new TenantId(caller.tenantId()), caller.keyId(), RequestIdFilter.of(request));
    }
}
