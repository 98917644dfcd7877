package dev.polyledger.ledger.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifier of a tenant: an isolated ledger (Formance's "ledger", TigerBeetle's {@code ledger}). Accounts,
 * transfers, entries, idempotency keys and events belong to exactly one tenant, and a transfer never crosses
 * two (api-contract.md, "Authentication and tenants"; the database refuses it with composite foreign keys).
 *
 * @param value {@value #DEFAULT_VALUE} or a generated id such as {@code ten_…}: 1..63 characters of
 *              {@code [a-z0-9_-]}, starting with a letter or digit
 */
public record TenantId(String value) {
    /** The tenant of everything written before tenants existed, and of the operator key. */
    public static final String DEFAULT_VALUE = "default";
    private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    public static final TenantId DEFAULT = new TenantId(DEFAULT_VALUE);

    public TenantId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a tenant id: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
