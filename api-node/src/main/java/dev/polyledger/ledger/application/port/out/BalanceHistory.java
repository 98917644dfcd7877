package dev.polyledger.ledger.application.port.out;

import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.TenantId;
import java.time.Instant;
import java.util.Optional;

/** The posted balances of accounts over time, from their entries. */
public interface BalanceHistory {

    /**
     * The balance after the account's last entry at or before {@code asOf} (the highest account version among the
     * entries created at or before it), in minor units; empty when it had no entry by then.
     */
    Optional<Point> at(TenantId tenant, AccountId account, Instant asOf);

    /** @param balance minor units; @param version the account version of that entry */
    record Point(long balance, long version) {
    }
}
