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
     * The fixed id of a currency's world account: the {@code EXTERNAL} account on the other side of every
     * credit and debit (a name-based UUID of {@code "world:" + code}, the same on every node and database).
     */
    public static AccountId worldOf(Currency currency) {
        return new AccountId(UUID.nameUUIDFromBytes(("world:" + currency.code()).getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
