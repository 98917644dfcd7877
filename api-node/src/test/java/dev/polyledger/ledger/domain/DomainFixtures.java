package dev.polyledger.ledger.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Static factories for domain objects in a known state; shared by the domain and application tests. */
public final class DomainFixtures {
    public static final Currency USD = new Currency("USD", 2);
    public static final Currency EUR = new Currency("EUR", 2);
    public static final Currency GBP = new Currency("GBP", 2);
    public static final Currency INR = new Currency("INR", 2);
    public static final Currency JPY = new Currency("JPY", 0);
    /** Kuwaiti dinar: three minor-unit digits. */
    public static final Currency KWD = new Currency("KWD", 3);

    /** The tenant of the accounts built here. */
    public static final TenantId TENANT = new TenantId("acme");
    /** Another tenant, whose accounts {@link #TENANT} must never see. */
    public static final TenantId OTHER_TENANT = new TenantId("globex");

    public static final Instant OPENED_AT = Instant.parse("2026-11-21T10:00:00Z");
    public static final Instant NOW = Instant.parse("2026-11-21T12:30:00Z");
    /** Version of the accounts built here: not 0, so that "+1" cannot pass by accident. */
    public static final long VERSION = 3;

    private DomainFixtures() {
    }

    public static Money usd(long minorUnits) {
        return new Money(minorUnits, USD);
    }

    public static Money eur(long minorUnits) {
        return new Money(minorUnits, EUR);
    }

    public static Money jpy(long minorUnits) {
        return new Money(minorUnits, JPY);
    }

    public static Account account(AccountId id, AccountStatus status, Money balance, boolean allowNegativeBalance) {
        return new Account(TENANT, id, AccountType.USER, "cust_42", status, balance, allowNegativeBalance, false, VERSION,
                Metadata.of(Map.of("tier", "gold")), OPENED_AT, OPENED_AT);
    }

    public static Account active(Money balance) {
        return account(newAccountId(), AccountStatus.ACTIVE, balance, false);
    }

    public static Account active(AccountId id, Money balance) {
        return account(id, AccountStatus.ACTIVE, balance, false);
    }

    public static Account frozen(Money balance) {
        return account(newAccountId(), AccountStatus.FROZEN, balance, false);
    }

    public static Account closed(Money balance) {
        return account(newAccountId(), AccountStatus.CLOSED, balance, false);
    }

    public static Account overdraftAllowed(Money balance) {
        return account(newAccountId(), AccountStatus.ACTIVE, balance, true);
    }

    /** The same account at another version. */
    public static Account atVersion(long version, Account account) {
        return new Account(account.tenantId(), account.id(), account.type(), account.ownerId(), account.status(), account.balance(),
                account.allowNegativeBalance(), account.world(), version, account.metadata(), account.createdAt(),
                account.updatedAt());
    }

    public static Account world(Currency currency) {
        return Account.openWorld(TENANT, currency, OPENED_AT);
    }

    public static PostingRequest transferOf(Money amount) {
        return new PostingRequest(new TransferId(UUID.randomUUID()), UUID.randomUUID(), UUID.randomUUID(),
                TransferKind.TRANSFER, amount, "order-991", Metadata.of(Map.of("order", "991")), "req-1");
    }

    /** The same account in another tenant. */
    public static Account inTenant(TenantId tenant, Account account) {
        return new Account(tenant, account.id(), account.type(), account.ownerId(), account.status(), account.balance(),
                account.allowNegativeBalance(), account.world(), account.version(), account.metadata(),
                account.createdAt(), account.updatedAt());
    }

    public static AccountId newAccountId() {
        return new AccountId(UUID.randomUUID());
    }
}
