package dev.polyledger.ledger.domain;

import java.util.Objects;

/**
 * One transfer of a stored batch, at its index (from 0), with what became of it.
 *
 * @param index       position in the batch, from 0; items are processed in this order
 * @param source      the account to debit
 * @param destination the account to credit
 * @param amount      decimal string in major units, as submitted (validated when the batch was accepted)
 * @param currency    ISO 4217 code
 * @param reference   client reference; may be null
 * @param metadata    client pairs
 * @param status      {@code PENDING}, then {@code POSTED} (with {@code transferId}) or {@code REJECTED} (with
 *                    {@code code} and {@code detail})
 */
public record BatchItem(int index, AccountId source, AccountId destination, String amount, String currency,
                        String reference, Metadata metadata, Status status, TransferId transferId, String code,
                        String detail) {
    public enum Status { PENDING, POSTED, REJECTED }

    public BatchItem {
        Objects.requireNonNull(status, "status");
        metadata = metadata == null ? Metadata.empty() : metadata;
    }
}
