package dev.polyledger.ledger.domain;

import java.time.Instant;

/**
 * The rules of an account's lifecycle (api-contract.md, "Accounts"). Freezing a frozen account, unfreezing
 * an active one or closing a closed one changes nothing and is answered with the account as it is
 * (Stripe-style: the request's intent already holds). A closed account can no longer change; only a
 * zero-balance account without pending holds can be closed; world accounts never change status.
 */
public final class StatusChange {
    private StatusChange() {
    }

    /** What is asked. */
    public enum Action { FREEZE, UNFREEZE, CLOSE }

    /** The outcome of a status change. */
    public sealed interface Result permits Changed, Unchanged, Rejected {
    }

    /** The account moved from one status to another. */
    public record Changed(Account account, Action action) implements Result {
    }

    /** The account already was in the asked status. */
    public record Unchanged(Account account) implements Result {
    }

    /** Nothing changed. */
    public record Rejected(LedgerRejection reason, String detail) implements Result {
    }

    public static Result apply(Account account, Action action, Instant now) {
        if (account.world()) {
            return new Rejected(LedgerRejection.WORLD_ACCOUNT_IMMUTABLE,
                    "the world account of " + account.currency() + " cannot change status");
        }
        AccountStatus target = switch (action) {
            case FREEZE -> AccountStatus.FROZEN;
            case UNFREEZE -> AccountStatus.ACTIVE;
            case CLOSE -> AccountStatus.CLOSED;
        };
        if (account.status() == target) {
            return new Unchanged(account);
        }
        if (account.status() == AccountStatus.CLOSED) {
            return new Rejected(LedgerRejection.ACCOUNT_NOT_ACTIVE, "account " + account.id() + " is CLOSED");
        }
        if (action == Action.CLOSE && account.heldAmount().minorUnits() != 0) {
            // Pending holds reserve money on it: void or post them first (the database refuses it too).
            return new Rejected(LedgerRejection.ACCOUNT_BALANCE_NOT_ZERO,
                    "account " + account.id() + " has " + account.heldAmount().toDecimalString() + " held by pending holds");
        }
        if (action == Action.CLOSE && account.balance().minorUnits() != 0) {
            return new Rejected(LedgerRejection.ACCOUNT_BALANCE_NOT_ZERO,
                    "account " + account.id() + " holds " + account.balance().toDecimalString());
        }
        return new Changed(account.withStatus(target, now), action);
    }
}
