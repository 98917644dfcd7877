package dev.polyledger.ledger.application.port.in;

import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.Money;
import dev.polyledger.ledger.domain.TenantId;
import java.time.Instant;
import java.util.Optional;

/** Balances of an account (api-contract.md, "Point-in-time balances"). */
public interface BalanceQueries {

    /**
     * The posted balance at {@code asOf}: after the last entry at or before it; zero at version 0 before the first.
     *
     * @return empty when the account does not exist in the tenant
     */
    Optional<Balance> asOf(TenantId tenant, AccountId account, Instant asOf);

    /**
     * @param heldAmount       null for a point in the past (holds are not historised)
     * @param availableBalance null for a point in the past
     */
    record Balance(AccountId accountId, Instant asOf, Money balance, long version, Money heldAmount,
                   Money availableBalance) {
    }
}
