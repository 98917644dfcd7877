package dev.polyledger.ledger.application.view;

/**
 * A ledger entry as listed by GET /api/v1/accounts/{id}/entries: everything its hash covers, as hashed
 * ({@code createdAt} in UTC with six fractional digits), and the hash itself (README, "Verifying the hash chain").
 */
public record EntryView(String id, String transferId, String accountId, String direction, String amount,
                        String currency, String balanceAfter, long accountVersion, String createdAt, String hash) {
}
