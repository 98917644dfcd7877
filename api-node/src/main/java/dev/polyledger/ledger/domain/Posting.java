package dev.polyledger.ledger.domain;

import java.time.Instant;
import java.util.List;

/**
 * The rules of moving money between two accounts (api-contract.md, "Money movement"). Pure: given the two
 * accounts as they are now, it returns either the transfer with both accounts after it, or the first
 * rejection that applies, checked in this order: {@code ACCOUNT_NOT_FOUND} (the two accounts belong to two
 * tenants: to the caller, another tenant's account does not exist), {@code SAME_ACCOUNT}, {@code CURRENCY_MISMATCH},
 * {@code ACCOUNT_NOT_ACTIVE}, {@code INSUFFICIENT_FUNDS} (judged on the source's available balance: balance − held amount, its
 * "has" in the detail), {@code BALANCE_OVERFLOW}. Each entry is chained after its account's head hash, and each
 * account after the transfer has its entry's hash as its head ({@link HashChain}).
 */
public final class Posting {
    private Posting() {
    }

    /** The outcome of a posting. */
    public sealed interface Result permits Posted, Rejected {
    }

    /** The transfer was posted; {@code source} and {@code destination} are the accounts after it. */
    public record Posted(Transfer transfer, Account source, Account destination) implements Result {
    }

    /** Nothing was posted. */
    public record Rejected(LedgerRejection reason, String detail) implements Result {
    }

    public static Result post(PostingRequest request, Account source, Account destination, Instant now) {
        Money amount = request.amount();
        if (!source.tenantId().equals(destination.tenantId())) {
            return new Rejected(LedgerRejection.ACCOUNT_NOT_FOUND,
                    "account " + destination.id() + " does not exist");
        }
        if (source.id().equals(destination.id())) {
            return new Rejected(LedgerRejection.SAME_ACCOUNT, "source and destination are the same account");
        }
        if (!source.currency().equals(amount.currency()) || !destination.currency().equals(amount.currency())) {
            return new Rejected(LedgerRejection.CURRENCY_MISMATCH, "transfer is in " + amount.currency()
                    + ", source holds " + source.currency() + ", destination holds " + destination.currency());
        }
        if (source.status() != AccountStatus.ACTIVE) {
            return new Rejected(LedgerRejection.ACCOUNT_NOT_ACTIVE,
                    "source account " + source.id() + " is " + source.status());
        }
        if (destination.status() == AccountStatus.CLOSED) {
            return new Rejected(LedgerRejection.ACCOUNT_NOT_ACTIVE,
                    "destination account " + destination.id() + " is CLOSED");
        }
        if (source.cannotCover(amount)) {
            return new Rejected(LedgerRejection.INSUFFICIENT_FUNDS,
                    "source account " + source.id() + " has " + source.availableBalance().toDecimalString()
                            + ", the transfer needs " + amount.toDecimalString());
        }
        Account debited;
        Account credited;
        try {
            debited = source.debit(amount, now);
            credited = destination.credit(amount, now);
        } catch (ArithmeticException overflow) {
            return new Rejected(LedgerRejection.BALANCE_OVERFLOW, "the balance would leave the 64-bit range");
        }
        var debit = Entry.chained(source.headHash(), request.debitEntryId(), request.transferId(), source.id(),
                Direction.DEBIT, amount, debited.balance(), debited.version(), now);
        var credit = Entry.chained(destination.headHash(), request.creditEntryId(), request.transferId(),
                destination.id(), Direction.CREDIT, amount, credited.balance(), credited.version(), now);
        debited = debited.chainedTo(debit);
        credited = credited.chainedTo(credit);
        var transfer = new Transfer(source.tenantId(), request.transferId(), request.kind(), Transfer.Status.POSTED, source.id(),
                destination.id(), amount, request.reference(), request.metadata(), request.requestId(), now,
                List.of(debit, credit), request.holdId(), request.refundOf(), null, List.of());
        return new Posted(transfer, debited, credited);
    }
}
