package dev.polyledger.ledger.domain;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/** Identifier of an account. */
public record AccountId(UUID value) {
    public AccountId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * The fixed id of a tenant's world account of a currency: the {@code EXTERNAL} account on the other side of
     * every credit and debit, the same on every node and database. A name-based UUID of
     * {@code "world:" + code} for the {@link TenantId#DEFAULT default} tenant (the id it had before tenants
     * existed), of {@code "world:" + tenant + ":" + code} for every other tenant.
     */
    public static AccountId worldOf(TenantId tenant, Currency currency) {
        String name = TenantId.DEFAULT.equals(tenant)
                ? "world:" + currency.code()
                : "world:" + tenant.value() + ":" + currency.code();
        return new AccountId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
