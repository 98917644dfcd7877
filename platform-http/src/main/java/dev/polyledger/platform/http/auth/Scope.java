package dev.polyledger.platform.http.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an API key may do (api-contract.md, "Authentication and tenants"). Every route under {@code /api/v1/}
 * names the one scope it needs with {@link RequiredScope}; a key holds a set of them.
 */
public enum Scope {
    /** Read accounts, balances, entries, transfers, holds and batches. */
    LEDGER_READ("ledger:read"),
    /** Move money and open or change accounts. */
    LEDGER_WRITE("ledger:write"),
    /** Read the audit trail. */
    AUDIT_READ("audit:read"),
    /** Create, list, rotate and delete webhook subscriptions. */
    WEBHOOKS_MANAGE("webhooks:manage"),
    /** Create, list and revoke the tenant's API keys. */
    KEYS_MANAGE("keys:manage");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire, e.g. {@code ledger:read}. */
    public String wireName() {
        return wireName;
    }

    /** The scope named {@code wireName} on the wire, or empty when there is none. */
    public static Optional<Scope> fromWire(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(wireName)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
