package dev.polyledger.ledger.domain;

import java.time.Instant;
import java.util.List;

/**
 * A balanced double-entry movement of money: exactly one {@code DEBIT} entry on the source and one
 * {@code CREDIT} entry on the destination, of the same amount and currency, posted atomically.
 *
 * @param tenantId             the tenant of both accounts (a transfer never crosses tenants)
 * @param id                   identifier
 * @param kind                 {@code TRANSFER}, or {@code CREDIT}/{@code DEBIT} against the world account
 * @param status               always {@code POSTED} (a hold is a {@link Hold}, not a transfer)
 * @param sourceAccountId      the debited account
 * @param destinationAccountId the credited account
 * @param amount               positive amount moved
 * @param reference            the client's reference (e.g. an order id); may be null
 * @param metadata             client-supplied pairs
 * @param requestId            the X-Request-Id of the request that posted it; may be null
 * @param createdAt            posting time
 * @param entries              the debit entry, then the credit entry
 * @param holdId               the hold a {@code HOLD_POST} transfer captures; null for every other kind
 * @param refundOf             the original transfer a {@code REFUND} gives back; null for every other kind
 * @param refundedAmount       the sum of the refunds of this transfer so far (0 ≤ refundedAmount ≤ amount)
 * @param refunds              the ids of those refunds, in posting order
 */
public record Transfer(
        TenantId tenantId,
        TransferId id,
        TransferKind kind,
        Status status,
        AccountId sourceAccountId,
        AccountId destinationAccountId,
        Money amount,
        String reference,
        Metadata metadata,
        String requestId,
        Instant createdAt,
        List<Entry> entries,
        java.util.UUID holdId,
        TransferId refundOf,
        Money refundedAmount,
        List<TransferId> refunds) {

    public Transfer {
        java.util.Objects.requireNonNull(tenantId, "tenantId");
        entries = List.copyOf(entries);
        refunds = refunds == null ? List.of() : List.copyOf(refunds);
        refundedAmount = refundedAmount == null ? Money.zero(amount.currency()) : refundedAmount;
        if (refundedAmount.isNegative() || refundedAmount.minorUnits() > amount.minorUnits()) {
            throw new IllegalArgumentException("transfer " + id + " refunded beyond its amount");
        }
        if ((kind == TransferKind.REFUND) != (refundOf != null)) {
            throw new IllegalArgumentException("a REFUND transfer, and only one, names its original");
        }
        if ((kind == TransferKind.HOLD_POST) != (holdId != null)) {
            throw new IllegalArgumentException("a HOLD_POST transfer, and only one, names its hold");
        }
    }

    /** A transfer that is no refund and has none. */
    public Transfer(TenantId tenantId, TransferId id, TransferKind kind, Status status, AccountId sourceAccountId,
                    AccountId destinationAccountId, Money amount, String reference, Metadata metadata, String requestId,
                    Instant createdAt, List<Entry> entries, java.util.UUID holdId) {
        this(tenantId, id, kind, status, sourceAccountId, destinationAccountId, amount, reference, metadata, requestId,
                createdAt, entries, holdId, null, null, List.of());
    }

    /** The transfer after {@code refund} of it was posted. */
    public Transfer refundedBy(Transfer refund) {
        var all = new java.util.ArrayList<>(refunds);
        all.add(refund.id());
        return new Transfer(tenantId, id, kind, status, sourceAccountId, destinationAccountId, amount, reference, metadata,
                requestId, createdAt, entries, holdId, refundOf, refundedAmount.plus(refund.amount()), all);
    }

    /** What is left to refund: amount − refundedAmount. */
    public Money refundable() {
        return amount.minus(refundedAmount);
    }

    /** A transfer that captures no hold. */
    public Transfer(TenantId tenantId, TransferId id, TransferKind kind, Status status, AccountId sourceAccountId,
                    AccountId destinationAccountId, Money amount, String reference, Metadata metadata, String requestId,
                    Instant createdAt, List<Entry> entries) {
        this(tenantId, id, kind, status, sourceAccountId, destinationAccountId, amount, reference, metadata, requestId,
                createdAt, entries, null);
    }

    /** Lifecycle of a transfer. */
    public enum Status { POSTED }
}
