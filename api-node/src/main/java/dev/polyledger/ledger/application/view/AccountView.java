package dev.polyledger.ledger.application.view;

import jakarta.annotation.Nullable;
import java.util.Map;

/**
 * An account as the API and the events render it (api-contract.md, "Accounts" and "Holds"). Amounts are decimal
 * strings in major units with the currency's full scale; times are ISO-8601 UTC. {@code balance},
 * {@code heldAmount} and {@code availableBalance} (= balance − heldAmount) are of one version.
 */
public record AccountView(String id, String currency, String type, @Nullable String ownerId, String status, String balance,
                          boolean allowNegativeBalance, long version, String createdAt, String updatedAt,
                          Map<String, String> metadata, String heldAmount, String availableBalance) {

    /** An account view without holds: heldAmount zero, availableBalance the balance (tests of older events). */
    public AccountView(String id, String currency, String type, String ownerId, String status, String balance,
                       boolean allowNegativeBalance, long version, String createdAt, String updatedAt,
                       Map<String, String> metadata) {
        this(id, currency, type, ownerId, status, balance, allowNegativeBalance, version, createdAt, updatedAt, metadata,
                zeroLike(balance), balance);
    }

    private static String zeroLike(String amount) {
        return amount.replaceAll("[0-9]", "0").replace("-", "");
    }
}
