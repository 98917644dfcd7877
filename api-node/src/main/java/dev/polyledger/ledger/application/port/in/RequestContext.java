package dev.polyledger.ledger.application.port.in;

import dev.polyledger.ledger.domain.TenantId;
import java.util.Objects;

/**
 * Who asks for a change, within which tenant, and under which request id: carried by every command into the
 * rows and events it writes.
 *
 * @param tenant    the tenant whose ledger the command reads and changes; it sees nothing of other tenants
 * @param actor     the id of the API key that sent the request (recorded in events and audit snapshots; never
 *                  the key itself); null when no key did
 * @param requestId the {@code X-Request-Id} of the request; may be null
 */
public record RequestContext(TenantId tenant, String actor, String requestId) {
    public RequestContext {
        Objects.requireNonNull(tenant, "tenant");
    }

    /** A request of {@code tenant} with no key and no request id (tests, jobs). */
    public static RequestContext of(TenantId tenant) {
        return new RequestContext(tenant, null, null);
    }
}
