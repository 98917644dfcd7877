package dev.polyledger.ledger.application.view;

/** A ledger entry as listed by GET /api/v1/accounts/{id}/entries. */
public record EntryView(String id, String transferId, String accountId, String direction, String amount,
                        String currency, String balanceAfter, String createdAt) {
}
