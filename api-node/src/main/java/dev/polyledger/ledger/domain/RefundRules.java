package dev.polyledger.ledger.domain;

import java.time.Instant;

/**
 * The rules of refunding a transfer (api-contract.md, "Refunds"). Pure: given the original as it is now (with what was
 * refunded of it) and its two accounts, it returns the {@code REFUND} transfer (from the original's destination back
 * to its source) with the original and the accounts after it, or the first rejection that applies, in this order:
 * {@code TRANSFER_NOT_REFUNDABLE} (a refund; a credit or debit with the world account: undo those with the opposite
 * debit or credit), {@code CURRENCY_MISMATCH} (an amount in another currency), {@code REFUND_EXCEEDS_TRANSFER} (more
 * than is left to refund, or nothing is left), then the rules of {@link Posting} on the refunding account
 * ({@code ACCOUNT_NOT_ACTIVE}, {@code INSUFFICIENT_FUNDS} on its available balance, {@code BALANCE_OVERFLOW}).
 * {@code TRANSFER} and {@code HOLD_POST} transfers are refundable.
 */
public final class RefundRules {
    private RefundRules() {
    }

    /** The outcome of a refund. */
    public sealed interface Result permits Refunded, Rejected {
    }

    /**
     * @param refund      the {@code REFUND} transfer
     * @param original    the original after it ({@code refundedAmount} raised, the refund in {@code refunds})
     * @param payer       the original's destination after giving back
     * @param payee       the original's source after receiving
     */
    public record Refunded(Transfer refund, Transfer original, Account payer, Account payee) implements Result {
    }

    public record Rejected(LedgerRejection reason, String detail) implements Result {
    }

    /**
     * @param amount  the amount to refund; null: all that is left
     * @param request the ids, reference, metadata and request id of the refund (its kind and amount are set here)
     * @param payer   the original's destination account, as it is now
     * @param payee   the original's source account, as it is now
     */
    public static Result refund(Transfer original, Money amount, PostingRequest request, Account payer, Account payee,
                                Instant now) {
        if (original.kind() != TransferKind.TRANSFER && original.kind() != TransferKind.HOLD_POST) {
            return new Rejected(LedgerRejection.TRANSFER_NOT_REFUNDABLE, "a " + original.kind() + " transfer is not refundable"
                    + (original.kind() == TransferKind.REFUND ? "" : "; post the opposite "
                    + (original.kind() == TransferKind.CREDIT ? "debit" : "credit") + " instead"));
        }
        Money left = original.refundable();
        Money refunded = amount == null ? left : amount;
        if (!refunded.currency().equals(original.amount().currency())) {
            return new Rejected(LedgerRejection.CURRENCY_MISMATCH, "transfer is in " + original.amount().currency()
                    + ", not " + refunded.currency());
        }
        if (refunded.minorUnits() > left.minorUnits() || refunded.minorUnits() <= 0) {
            return new Rejected(LedgerRejection.REFUND_EXCEEDS_TRANSFER, "transfer " + original.id() + " has "
                    + left.toDecimalString() + " left to refund, the refund asks " + refunded.toDecimalString());
        }
        var posting = new PostingRequest(request.transferId(), request.debitEntryId(), request.creditEntryId(),
                TransferKind.REFUND, refunded, request.reference(), request.metadata(), request.requestId(), null,
                original.id());
        Posting.Result result = Posting.post(posting, payer, payee, now);
        if (result instanceof Posting.Rejected rejected) {
            return new Rejected(rejected.reason(), rejected.detail());
        }
        var posted = (Posting.Posted) result;
        return new Refunded(posted.transfer(), original.refundedBy(posted.transfer()), posted.source(), posted.destination());
    }
}
