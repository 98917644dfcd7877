package dev.polyledger.ledger.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An account of the ledger: the aggregate that guards its balance and status. Immutable; every change
 * returns the account after it, with {@link #version()} one higher.
 *
 * @param tenantId             the tenant the account belongs to
 * @param id                   identifier
 * @param type                 what the account stands for
 * @param ownerId              the client's reference to the owner (e.g. {@code cust_42}); may be null
 * @param status               lifecycle state
 * @param balance              credits minus debits, in minor units of the account's currency
 * @param heldAmount           the sum of the remaining amounts of its pending holds as source (never negative);
 *                             {@link #availableBalance()} = balance − heldAmount is what debits, transfers and new
 *                             holds must fit in on an account that does not allow a negative balance
 * @param allowNegativeBalance whether debits may take the balance below zero
 * @param world                whether this is its currency's world account ({@link AccountId#worldOf})
 * @param version              0 when opened, +1 with every change of balance or status
 * @param metadata             client-supplied pairs
 * @param createdAt            when it was opened
 * @param updatedAt            when it last changed
 * @param headHash             the hash of its latest entry ({@link HashChain}), {@link HashChain#GENESIS} before the
 *                             first: the previous hash of its next entry
 */
public record Account(
        TenantId tenantId,
        AccountId id,
        AccountType type,
        String ownerId,
        AccountStatus status,
        Money balance,
        Money heldAmount,
        boolean allowNegativeBalance,
        boolean world,
        long version,
        Metadata metadata,
        Instant createdAt,
        Instant updatedAt,
        String headHash) {

    public Account {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(metadata, "metadata");
        if (headHash == null) {
            headHash = HashChain.GENESIS;
        }
        if (!HashChain.isHash(headHash)) {
            throw new IllegalStateException("account " + id + ": head hash must be 64 lowercase hex digits");
        }
        if (heldAmount == null) {
            heldAmount = Money.zero(balance.currency());
        }
        if (heldAmount.isNegative() || !heldAmount.currency().equals(balance.currency())) {
            throw new IllegalStateException("account " + id + ": held amount must be non-negative, in its currency");
        }
        if (!allowNegativeBalance && balance.minorUnits() - heldAmount.minorUnits() < 0) {
            throw new IllegalStateException("account " + id + " does not allow a negative balance (available: balance − held amount)");
        }
    }

    /** An account without entries (head hash {@link HashChain#GENESIS}). */
    public Account(TenantId tenantId, AccountId id, AccountType type, String ownerId, AccountStatus status, Money balance,
                   Money heldAmount, boolean allowNegativeBalance, boolean world, long version, Metadata metadata,
                   Instant createdAt, Instant updatedAt) {
        this(tenantId, id, type, ownerId, status, balance, heldAmount, allowNegativeBalance, world, version, metadata,
                createdAt, updatedAt, null);
    }

    /** An account without holds (heldAmount zero) or entries. */
    public Account(TenantId tenantId, AccountId id, AccountType type, String ownerId, AccountStatus status, Money balance,
                   boolean allowNegativeBalance, boolean world, long version, Metadata metadata, Instant createdAt,
                   Instant updatedAt) {
        this(tenantId, id, type, ownerId, status, balance, null, allowNegativeBalance, world, version, metadata,
                createdAt, updatedAt, null);
    }

    /** Balance minus held amount, in minor units of the account's currency. */
    public Money availableBalance() {
        return new Money(balance.minorUnits() - heldAmount.minorUnits(), balance.currency());
    }

    /** A new, active account with a zero balance. */
    public static Account open(TenantId tenantId, AccountId id, Currency currency, AccountType type, String ownerId,
                               boolean allowNegativeBalance, Metadata metadata, Instant now) {
        return new Account(tenantId, id, type, ownerId, AccountStatus.ACTIVE, Money.zero(currency), allowNegativeBalance,
                false, 0, metadata, now, now);
    }

    /**
     * A tenant's world account of a currency: {@code EXTERNAL}, may go negative, the counterpart of credits and
     * debits.
     */
    public static Account openWorld(TenantId tenantId, Currency currency, Instant now) {
        return new Account(tenantId, AccountId.worldOf(tenantId, currency), AccountType.EXTERNAL, null, AccountStatus.ACTIVE,
                Money.zero(currency), true, true, 0, Metadata.empty(), now, now);
    }

    public Currency currency() {
        return balance.currency();
    }

    /**
     * Whether a debit (or a new hold) of {@code amount} would take the <em>available</em> balance below zero where
     * that is not allowed.
     */
    boolean cannotCover(Money amount) {
        return !allowNegativeBalance && balance.minorUnits() - heldAmount.minorUnits() < amount.minorUnits();
    }

    /** The account after reserving {@code amount} more for a hold. @throws ArithmeticException on overflow */
    Account hold(Money amount, Instant now) {
        return new Account(tenantId, id, type, ownerId, status, balance, heldAmount.plus(amount), allowNegativeBalance,
                world, version + 1, metadata, createdAt, now, headHash);
    }

    /** The account after releasing {@code amount} of its held amount (posted, voided or expired). */
    Account release(Money amount, Instant now) {
        if (amount.minorUnits() > heldAmount.minorUnits()) {
            throw new IllegalStateException("account " + id + " holds " + heldAmount + ", cannot release " + amount);
        }
        return new Account(tenantId, id, type, ownerId, status, balance, heldAmount.minus(amount), allowNegativeBalance,
                world, version + 1, metadata, createdAt, now, headHash);
    }

    /** Money out: the account after a debit entry. @throws ArithmeticException on 64-bit overflow */
    Account debit(Money amount, Instant now) {
        return withBalance(balance.minus(amount), now);
    }

    /** Money in: the account after a credit entry. @throws ArithmeticException on 64-bit overflow */
    Account credit(Money amount, Instant now) {
        return withBalance(balance.plus(amount), now);
    }

    Account withStatus(AccountStatus newStatus, Instant now) {
        return new Account(tenantId, id, type, ownerId, newStatus, balance, heldAmount, allowNegativeBalance, world, version + 1,
                metadata, createdAt, now, headHash);
    }

    /** The account whose latest entry is {@code entry}: its head hash moves to the entry's hash. */
    Account chainedTo(Entry entry) {
        if (!entry.accountId().equals(id) || entry.accountVersion() != version) {
            throw new IllegalArgumentException("entry " + entry.id() + " is not account " + id + "'s at version " + version);
        }
        return new Account(tenantId, id, type, ownerId, status, balance, heldAmount, allowNegativeBalance, world, version,
                metadata, createdAt, updatedAt, entry.hash());
    }

    private Account withBalance(Money newBalance, Instant now) {
        return new Account(tenantId, id, type, ownerId, status, newBalance, heldAmount, allowNegativeBalance, world, version + 1,
                metadata, createdAt, now, headHash);
    }
}
