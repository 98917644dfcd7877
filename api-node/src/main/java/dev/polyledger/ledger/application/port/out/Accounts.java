package dev.polyledger.ledger.application.port.out;

import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.Currency;
import dev.polyledger.ledger.domain.TenantId;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger's accounts. Every method runs in the caller's transaction when there is one, and sees only the
 * accounts of the tenant it is given: another tenant's account is absent, exactly like an unknown id.
 */
public interface Accounts {

    /** The account as last committed, without locking it. */
    Optional<Account> find(TenantId tenant, AccountId id);

    /** The currency code of an account (immutable, so no lock is needed), or empty when it does not exist. */
    Optional<String> currencyCodeOf(TenantId tenant, AccountId id);

    /**
     * Locks the existing accounts among {@code ids} for update, always in ascending id order so that two
     * transactions locking overlapping sets cannot deadlock, and returns those of {@code tenant} by id (missing
     * ones and other tenants' are absent).
     */
    default Map<AccountId, Account> lockInOrder(TenantId tenant, Collection<AccountId> ids) {
        var ofTenant = new java.util.LinkedHashMap<AccountId, Account>();
        lockAllInOrder(ids).forEach((id, account) -> {
            if (account.tenantId().equals(tenant)) {
                ofTenant.put(id, account);
            }
        });
        return ofTenant;
    }

    /**
     * Like {@link #lockInOrder}, but of every tenant: for the posting pipeline, which locks the accounts of
     * several requests (possibly of several tenants) with one statement and then checks each request's tenant
     * itself. Nothing else may call it.
     */
    Map<AccountId, Account> lockAllInOrder(Collection<AccountId> ids);

    /** Stores a newly opened account. */
    void add(Account account);

    /**
     * Stores the balance, status, version and update time of accounts that were locked by this transaction, each
     * one version above the one it was read at.
     */
    void update(Collection<Account> changed);

    /** Creates a tenant's world account of a currency unless it already exists; safe to call concurrently. */
    void ensureWorld(TenantId tenant, Currency currency, java.time.Instant now);
}
