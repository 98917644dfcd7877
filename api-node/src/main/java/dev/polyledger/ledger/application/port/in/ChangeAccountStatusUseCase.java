package dev.polyledger.ledger.application.port.in;

import dev.polyledger.ledger.domain.Account;

/**
 * Changes an account's status; emits {@code account.frozen}, {@code account.unfrozen} or {@code account.closed}
 * when the status changed. Refusals: {@code ACCOUNT_NOT_FOUND}, {@code ACCOUNT_NOT_ACTIVE} (closed),
 * {@code ACCOUNT_BALANCE_NOT_ZERO}, {@code WORLD_ACCOUNT_IMMUTABLE}.
 */
public interface ChangeAccountStatusUseCase {
    Outcome<Account> change(ChangeAccountStatusCommand command);
}
