package dev.polyledger.ledger.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One side of a posted transfer on one account; immutable once posted.
 *
 * @param id             identifier
 * @param transferId     the transfer it belongs to
 * @param accountId      the account it changes
 * @param direction      {@code DEBIT} (money out) or {@code CREDIT} (money in)
 * @param amount         positive amount, in the account's currency
 * @param balanceAfter   the account's balance right after this entry
 * @param accountVersion the account's version right after this entry: orders the account's entries
 * @param createdAt      posting time
 */
public record Entry(
        UUID id,
        TransferId transferId,
        AccountId accountId,
        Direction direction,
        Money amount,
        Money balanceAfter,
        long accountVersion,
        Instant createdAt) {
}
