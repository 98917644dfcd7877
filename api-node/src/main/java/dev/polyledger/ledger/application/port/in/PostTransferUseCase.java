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
}
