package dev.polyledger.ledger.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The rules of a {@link Hold}'s life (api-contract.md, "Holds"). Pure: given the hold and its accounts as they are
 * now, each operation returns the hold and accounts after it, or the first rejection that applies. Every change of a
 * hold changes its source account's held amount in the same step, so that {@code account.heldAmount} is always the
 * sum of the {@link Hold#remaining()} of its pending holds.
 *
 * <ul>
 *   <li>{@link #place}: the checks of {@link Posting}, in its order ({@code ACCOUNT_NOT_FOUND}, {@code SAME_ACCOUNT},
 *       {@code CURRENCY_MISMATCH}, {@code ACCOUNT_NOT_ACTIVE}, {@code INSUFFICIENT_FUNDS} on the source's
 *       <em>available</em> balance, {@code BALANCE_OVERFLOW} of the held amount); nothing moves but the
 *       reservation;</li>
 *   <li>{@link #post}: {@code HOLD_NOT_PENDING} (posted, voided, or past {@code expiresAt}), then
 *       {@code AMOUNT_EXCEEDS_HOLD} (more than the remaining amount), then the release of the captured amount
 *       (or, when final, of all the remaining amount) and the {@link Posting} of a {@code HOLD_POST} transfer with its
 *       rejections ({@code ACCOUNT_NOT_ACTIVE}, {@code BALANCE_OVERFLOW}; never {@code INSUFFICIENT_FUNDS}, since
 *       the money was reserved);</li>
 *   <li>{@link #voidHold}: {@code HOLD_NOT_PENDING}, else the remaining amount is released;</li>
 *   <li>{@link #expire}: only a pending hold at or past {@code expiresAt}; its remaining amount is released.</li>
 * </ul>
 */
public final class HoldRules {
    private HoldRules() {
    }

    /** The outcome of an operation on a hold. */
    public sealed interface Result permits Changed, Rejected {
    }

    /**
     * The hold changed.
     *
     * @param hold        the hold after the change
     * @param source      its source account after it
     * @param destination its destination after it (changed only by a capture; otherwise as given, may be null)
     * @param transfer    the {@code HOLD_POST} transfer of a capture; null otherwise
     */
    public record Changed(Hold hold, Account source, Account destination, Transfer transfer) implements Result {
    }

    /** Nothing changed. */
    public record Rejected(LedgerRejection reason, String detail) implements Result {
    }

    /**
     * What a new hold is to be.
     *
     * @param id        the hold's id
     * @param amount    positive, in the currency the client named
     * @param expiresAt strictly after the placement time (the caller bounds how far ahead)
     */
    public record Placement(UUID id, Money amount, String reference, Metadata metadata, String requestId,
                            Instant expiresAt) {
    }

    public static Result place(Placement request, Account source, Account destination, Instant now) {
        Money amount = request.amount();
        if (!source.tenantId().equals(destination.tenantId())) {
            return new Rejected(LedgerRejection.ACCOUNT_NOT_FOUND, "account " + destination.id() + " does not exist");
        }
        if (source.id().equals(destination.id())) {
            return new Rejected(LedgerRejection.SAME_ACCOUNT, "source and destination are the same account");
        }
        if (!source.currency().equals(amount.currency()) || !destination.currency().equals(amount.currency())) {
            return new Rejected(LedgerRejection.CURRENCY_MISMATCH, "hold is in " + amount.currency()
                    + ", source holds " + source.currency() + ", destination holds " + destination.currency());
        }
        if (source.status() != AccountStatus.ACTIVE) {
            return new Rejected(LedgerRejection.ACCOUNT_NOT_ACTIVE, "source account " + source.id() + " is " + source.status());
        }
        if (destination.status() == AccountStatus.CLOSED) {
            return new Rejected(LedgerRejection.ACCOUNT_NOT_ACTIVE, "destination account " + destination.id() + " is CLOSED");
        }
        if (source.cannotCover(amount)) {
            return new Rejected(LedgerRejection.INSUFFICIENT_FUNDS, "source account " + source.id() + " has "
                    + source.availableBalance().toDecimalString() + " available, the hold needs " + amount.toDecimalString());
        }
        Account held;
        try {
            held = source.hold(amount, now);
        } catch (ArithmeticException overflow) {
            return new Rejected(LedgerRejection.BALANCE_OVERFLOW, "the held amount would leave the 64-bit range");
        }
        var hold = new Hold(source.tenantId(), request.id(), source.id(), destination.id(), amount,
                Money.zero(amount.currency()), Hold.Status.PENDING, request.reference(), request.metadata(),
                request.requestId(), request.expiresAt(), now, now, 1, List.of());
        return new Changed(hold, held, destination, null);
    }

    /**
     * Captures {@code amount} of the hold (all that remains when null) into a {@code HOLD_POST} transfer.
     *
     * @param finalCapture whether this capture ends the hold (releasing what remains); null: only when it captures all
     *                     that remains
     * @param transfer     the ids of the transfer and its entries, and its reference, metadata and request id
     */
    public static Result post(Hold hold, Money amount, Boolean finalCapture, PostingRequest transfer, Account source,
                              Account destination, Instant now) {
        Rejected notPending = notPending(hold, now);
        if (notPending != null) {
            return notPending;
        }
        Money remaining = hold.remaining();
        Money captured = amount == null ? remaining : amount;
        if (!captured.currency().equals(hold.currency())) {
            return new Rejected(LedgerRejection.CURRENCY_MISMATCH, "hold is in " + hold.currency() + ", not " + captured.currency());
        }
        if (captured.minorUnits() > remaining.minorUnits()) {
            return new Rejected(LedgerRejection.AMOUNT_EXCEEDS_HOLD, "hold " + hold.id() + " has "
                    + remaining.toDecimalString() + " remaining, the capture asks " + captured.toDecimalString());
        }
        boolean ends = finalCapture == null ? captured.equals(remaining) : finalCapture || captured.equals(remaining);
        Account released = source.release(ends ? remaining : captured, now);
        var request = new PostingRequest(transfer.transferId(), transfer.debitEntryId(), transfer.creditEntryId(),
                TransferKind.HOLD_POST, captured, transfer.reference() != null ? transfer.reference() : hold.reference(),
                transfer.metadata(), transfer.requestId(), hold.id());
        Posting.Result result = Posting.post(request, released, destination, now);
        if (result instanceof Posting.Rejected rejected) {
            return new Rejected(rejected.reason(), rejected.detail());
        }
        var posted = (Posting.Posted) result;
        var transfers = new ArrayList<>(hold.transfers());
        transfers.add(posted.transfer().id());
        Hold after = hold.changed(hold.postedAmount().plus(captured), ends ? Hold.Status.POSTED : Hold.Status.PENDING,
                transfers, now);
        return new Changed(after, posted.source(), posted.destination(), posted.transfer());
    }

    /** Voids a pending hold: its remaining amount is released. */
    public static Result voidHold(Hold hold, Account source, Instant now) {
        Rejected notPending = notPending(hold, now);
        if (notPending != null) {
            return notPending;
        }
        return release(hold, Hold.Status.VOIDED, source, now);
    }

    /** Expires a pending hold at or past its {@code expiresAt}: its remaining amount is released. */
    public static Result expire(Hold hold, Account source, Instant now) {
        if (hold.status() != Hold.Status.PENDING) {
            return new Rejected(LedgerRejection.HOLD_NOT_PENDING, "hold " + hold.id() + " is " + hold.status());
        }
        if (now.isBefore(hold.expiresAt())) {
            return new Rejected(LedgerRejection.HOLD_NOT_PENDING, "hold " + hold.id() + " expires at " + hold.expiresAt());
        }
        return release(hold, Hold.Status.EXPIRED, source, now);
    }

    private static Result release(Hold hold, Hold.Status status, Account source, Instant now) {
        Account released = source.release(hold.remaining(), now);
        return new Changed(hold.changed(hold.postedAmount(), status, hold.transfers(), now), released, null, null);
    }

    private static Rejected notPending(Hold hold, Instant now) {
        Hold.Status seen = hold.statusAt(now);
        return seen == Hold.Status.PENDING ? null
                : new Rejected(LedgerRejection.HOLD_NOT_PENDING, "hold " + hold.id() + " is " + seen);
    }
}
