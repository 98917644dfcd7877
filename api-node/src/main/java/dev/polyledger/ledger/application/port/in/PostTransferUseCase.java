package dev.polyledger.ledger.application.port.in;

import dev.polyledger.ledger.domain.Transfer;

/**
 * Posts a balanced transfer; emits {@code transfer.posted}. Refusals (api-contract.md, "Money movement"):
 * {@code ACCOUNT_NOT_FOUND}, {@code SAME_ACCOUNT}, {@code CURRENCY_MISMATCH}, {@code INSUFFICIENT_FUNDS},
 * {@code ACCOUNT_NOT_ACTIVE}, {@code BALANCE_OVERFLOW}.
 */
public interface PostTransferUseCase {

    /** @throws dev.polyledger.ledger.domain.ValidationException for an unsupported currency or an amount with too many decimals */
    Outcome<Transfer> post(PostTransferCommand command);

    /**
     * The accounts {@link #post} would change: source and destination, with the world account of the
     * account's currency for credits and debits. Reads the account's (immutable) currency; an unknown
     * account yields just itself.
     */
    java.util.Set<dev.polyledger.ledger.domain.AccountId> accountsChangedBy(PostTransferCommand command);
}
