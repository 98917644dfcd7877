package dev.polyledger.ledger.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One side of a posted transfer on one account; immutable once posted. Each entry is a link of its account's hash
 * chain ({@link HashChain}): its {@code hash} covers the previous entry's hash of the account and its own fields.
 *
 * @param id             identifier
 * @param transferId     the transfer it belongs to
 * @param accountId      the account it changes
 * @param direction      {@code DEBIT} (money out) or {@code CREDIT} (money in)
 * @param amount         positive amount, in the account's currency
 * @param balanceAfter   the account's balance right after this entry
 * @param accountVersion the account's version right after this entry: orders the account's entries
 * @param createdAt      posting time, at microsecond precision
 * @param hash           lowercase hex SHA-256 of the canonical form after the previous entry's hash (64 hex digits)
 */
public record Entry(
        UUID id,
        TransferId transferId,
        AccountId accountId,
        Direction direction,
        Money amount,
        Money balanceAfter,
        long accountVersion,
        Instant createdAt,
        String hash) {

    public Entry {
        Objects.requireNonNull(createdAt, "createdAt");
        if (!HashChain.isHash(hash)) {
            throw new IllegalArgumentException("entry " + id + ": hash must be 64 lowercase hex digits, was " + hash);
        }
    }

    /**
     * A new entry, chained after {@code previousHash} (the account's head hash before it).
     *
     * @throws IllegalArgumentException when {@code createdAt} is finer than a microsecond
     */
    public static Entry chained(String previousHash, UUID id, TransferId transferId, AccountId accountId,
                                Direction direction, Money amount, Money balanceAfter, long accountVersion,
                                Instant createdAt) {
        String hash = HashChain.sha256(HashChain.canonicalForm(previousHash, id, transferId, accountId, direction, amount,
                balanceAfter, accountVersion, createdAt));
        return new Entry(id, transferId, accountId, direction, amount, balanceAfter, accountVersion, createdAt, hash);
    }

    /** Whether {@link #hash} is what this entry's fields give after {@code previousHash}. */
    public boolean follows(String previousHash) {
        return hash.equals(HashChain.sha256(HashChain.canonicalForm(previousHash, id, transferId, accountId, direction,
                amount, balanceAfter, accountVersion, createdAt)));
    }
}
