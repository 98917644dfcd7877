package dev.polyledger.ledger.domain;

import java.util.UUID;

/**
 * What is asked of {@link Posting#post}: move {@code amount} from the source to the destination.
 *
 * @param transferId    id for the transfer, if posted
 * @param debitEntryId  id for the debit entry
 * @param creditEntryId id for the credit entry
 * @param kind          kind of the transfer
 * @param amount        positive amount, in the currency the client named
 * @param reference     client reference; may be null
 * @param metadata      client pairs
 * @param requestId     X-Request-Id; may be null
 * @param holdId        the hold this posting captures ({@code HOLD_POST}); null otherwise
 * @param refundOf      the original a {@code REFUND} gives back; null otherwise
 */
public record PostingRequest(
        TransferId transferId,
        UUID debitEntryId,
        UUID creditEntryId,
        TransferKind kind,
        Money amount,
        String reference,
        Metadata metadata,
        String requestId,
        UUID holdId,
        TransferId refundOf) {

    public PostingRequest {
        if (amount.minorUnits() <= 0) {
            throw new IllegalArgumentException("a posting amount must be positive: " + amount);
        }
    }

    /** A posting that captures no hold. */
    public PostingRequest(TransferId transferId, UUID debitEntryId, UUID creditEntryId, TransferKind kind, Money amount,
                          String reference, Metadata metadata, String requestId) {
        this(transferId, debitEntryId, creditEntryId, kind, amount, reference, metadata, requestId, null, null);
    }

    /** A posting that captures {@code holdId} (or none when null) and refunds nothing. */
    public PostingRequest(TransferId transferId, UUID debitEntryId, UUID creditEntryId, TransferKind kind, Money amount,
                          String reference, Metadata metadata, String requestId, UUID holdId) {
        this(transferId, debitEntryId, creditEntryId, kind, amount, reference, metadata, requestId, holdId, null);
    }
}
