package dev.polyledger.platform.http.auth;

import io.micronaut.http.HttpRequest;
import java.util.Objects;
import java.util.Set;

/**
 * Who makes an authenticated request: the tenant whose data it may see, the id of the API key (the
 * {@code actor} recorded with every change; never the key itself), the key's scopes, and whether it is the
 * operator key ({@code LEDGER_BOOTSTRAP_KEY}, which may also create tenants).
 *
 * @param tenantId the tenant, e.g. {@code default}
 * @param keyId    the API key's id, e.g. {@code key_…} (or {@code bootstrap} for the operator key)
 * @param scopes   what the key may do
 * @param operator whether this is the operator key
 */
public record Caller(String tenantId, String keyId, Set<Scope> scopes, boolean operator) {
    /** The request attribute under which the authentication filter leaves the caller. */
    public static final String ATTRIBUTE = "polyledger.caller";

    public Caller {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(keyId, "keyId");
        scopes = Set.copyOf(scopes);
    }

    /** Whether the key holds {@code scope}. */
    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /**
     * The caller of an authenticated request.
     *
     * @throws IllegalStateException when the request did not pass the authentication filter (a route outside
     *                               {@code /api/v1/}), which is a programming error
     */
    public static Caller of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, Caller.class).orElseThrow(() -> new IllegalStateException(
                "request " + request.getPath() + " was not authenticated: is it under /api/v1/?"));
    }
}
