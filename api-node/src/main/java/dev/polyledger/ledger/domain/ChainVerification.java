package dev.polyledger.ledger.domain;

import java.util.Objects;

/**
 * The result of recomputing an account's hash chain (api-contract.md, "Integrity: the hash chain").
 *
 * @param accountId          the account
 * @param valid              every entry's hash is what its fields give after its predecessor's stored hash, and the
 *                           account's head hash is its last entry's hash ({@link HashChain#GENESIS} without entries)
 * @param entries            how many entries were checked (all of the account's, up to {@link #accountVersion})
 * @param headHash           the account's head hash as stored on the account
 * @param firstBrokenVersion the account version of the first entry whose hash does not match; the account's own
 *                           version when every entry matches but the account's head hash is not the last entry's;
 *                           null when {@code valid}
 */
public record ChainVerification(AccountId accountId, boolean valid, long entries, String headHash, Long firstBrokenVersion) {

    public ChainVerification {
        Objects.requireNonNull(accountId, "accountId");
        if (valid != (firstBrokenVersion == null)) {
            throw new IllegalArgumentException("a chain is valid exactly when nothing is broken");
        }
    }

    /**
     * Recomputes a chain fed entry by entry in ascending account version, holding only the last hash: an account of
     * millions of entries is verified in constant memory. Not thread-safe; one per verification.
     */
    public static final class Verifier {
        private final Account account;
        private String previous = HashChain.GENESIS;
        private long lastVersion = 0;
        private long count;
        private Long firstBroken;

        /** Verifies the entries of {@code account} up to its {@link Account#version()}. */
        public Verifier(Account account) {
            this.account = Objects.requireNonNull(account, "account");
        }

        /** The version after which the next entry must come. */
        public long lastVersion() {
            return lastVersion;
        }

        /**
         * Checks the next entry.
         *
         * @throws IllegalArgumentException when it is another account's, not above the last version, or above the
         *                                  account's version
         */
        public void accept(Entry entry) {
            if (!entry.accountId().equals(account.id()) || entry.accountVersion() <= lastVersion
                    || entry.accountVersion() > account.version()) {
                throw new IllegalArgumentException("entry " + entry.id() + " at version " + entry.accountVersion()
                        + " is not the next of account " + account.id() + " after version " + lastVersion);
            }
            count++;
            if (firstBroken == null && !entry.follows(previous)) {
                firstBroken = entry.accountVersion();
            }
            previous = entry.hash();
            lastVersion = entry.accountVersion();
        }

        /** The result once every entry up to the account's version was accepted. */
        public ChainVerification result() {
            Long broken = firstBroken;
            if (broken == null && !account.headHash().equals(previous)) {
                broken = account.version();
            }
            return new ChainVerification(account.id(), broken == null, count, account.headHash(), broken);
        }
    }
}
