package dev.polyledger.ledger.application.port.out;

import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.Currency;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The ledger's accounts. Every method runs in the caller's transaction when there is one. */
public interface Accounts {

    /** The account as last committed, without locking it. */
    Optional<Account> find(AccountId id);

    /** The currency code of an account (immutable, so no lock is needed), or empty when it does not exist. */
    Optional<String> currencyCodeOf(AccountId id);

    /**
     * Locks the existing accounts among {@code ids} for update, always in ascending id order so that two
     * transactions locking overlapping sets cannot deadlock, and returns them by id (missing ones are absent).
     */
    Map<AccountId, Account> lockInOrder(Collection<AccountId> ids);

    /** Stores a newly opened account. */
    void add(Account account);

    /** Stores the balance, status, version and update time of accounts that were locked by this transaction. */
    void update(Collection<Account> changed);

    /** Creates the world account of a currency unless it already exists; safe to call concurrently. */
    void ensureWorld(Currency currency, java.time.Instant now);
}
