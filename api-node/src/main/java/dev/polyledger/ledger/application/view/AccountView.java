package dev.polyledger.ledger.application.view;

import java.util.Map;

/**
 * An account as the API and the events render it (api-contract.md, "Accounts"). Amounts are decimal
 * strings in major units with the currency's full scale; times are ISO-8601 UTC.
 */
public record AccountView(String id, String currency, String type, String ownerId, String status, String balance,
                          boolean allowNegativeBalance, long version, String createdAt, String updatedAt,
                          Map<String, String> metadata) {
}
