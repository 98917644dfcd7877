package dev.polyledger.ledger.application.port.in;

import dev.polyledger.ledger.domain.Account;

/** Opens accounts; emits {@code account.created}. */
public interface OpenAccountUseCase {

    /** @throws dev.polyledger.ledger.domain.ValidationException for an unsupported currency */
    Account open(OpenAccountCommand command);
}
