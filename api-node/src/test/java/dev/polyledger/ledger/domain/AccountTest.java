package dev.polyledger.ledger.domain;

import static dev.polyledger.ledger.domain.DomainFixtures.TENANT;
import static dev.polyledger.ledger.domain.DomainFixtures.OTHER_TENANT;
import static dev.polyledger.ledger.domain.DomainFixtures.EUR;
import static dev.polyledger.ledger.domain.DomainFixtures.JPY;
import static dev.polyledger.ledger.domain.DomainFixtures.NOW;
import static dev.polyledger.ledger.domain.DomainFixtures.OPENED_AT;
import static dev.polyledger.ledger.domain.DomainFixtures.USD;
import static dev.polyledger.ledger.domain.DomainFixtures.VERSION;
import static dev.polyledger.ledger.domain.DomainFixtures.active;
import static dev.polyledger.ledger.domain.DomainFixtures.newAccountId;
import static dev.polyledger.ledger.domain.DomainFixtures.overdraftAllowed;
import static dev.polyledger.ledger.domain.DomainFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccountTest {

    @Test
    void refusesANegativeBalanceOnAnAccountThatDoesNotAllowOne() {
        assertThatThrownBy(() -> DomainFixtures.account(newAccountId(), AccountStatus.ACTIVE, usd(-1), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not allow a negative balance");
    }

    @Test
    void holdsANegativeBalanceWhenAllowed() {
        assertThat(DomainFixtures.account(newAccountId(), AccountStatus.ACTIVE, usd(-1), true).balance())
                .isEqualTo(usd(-1));
    }

    @Test
    void cannotBeDebitedBelowZeroEvenBypassingPosting() {
        Account account = active(usd(100));

        assertThatThrownBy(() -> account.debit(usd(101), NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void debitsAndCreditsChangeTheBalanceAndTheVersion() {
        Account debited = overdraftAllowed(usd(100)).debit(usd(150), NOW);
        Account credited = active(usd(100)).credit(usd(150), NOW);

        assertThat(debited.balance()).isEqualTo(usd(-50));
        assertThat(debited.version()).isEqualTo(VERSION + 1);
        assertThat(credited.balance()).isEqualTo(usd(250));
        assertThat(credited.version()).isEqualTo(VERSION + 1);
        assertThat(credited.updatedAt()).isEqualTo(NOW);
    }

    @Test
    void coversAnAmountUpToItsBalance() {
        assertThat(active(usd(100)).cannotCover(usd(100))).isFalse();
        assertThat(active(usd(100)).cannotCover(usd(101))).isTrue();
        assertThat(overdraftAllowed(usd(0)).cannotCover(usd(Long.MAX_VALUE))).isFalse();
    }

    @Test
    void opensActiveWithAZeroBalanceAtVersionZero() {
        AccountId id = newAccountId();

        Account account = Account.open(TENANT, id, JPY, AccountType.SYSTEM, "cust_42", false, Metadata.of(Map.of("a", "b")),
                OPENED_AT);

        assertThat(account.id()).isEqualTo(id);
        assertThat(account.tenantId()).isEqualTo(TENANT);
        assertThat(account.currency()).isEqualTo(JPY);
        assertThat(account.balance()).isEqualTo(new Money(0, JPY));
        assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(account.type()).isEqualTo(AccountType.SYSTEM);
        assertThat(account.ownerId()).isEqualTo("cust_42");
        assertThat(account.version()).isZero();
        assertThat(account.world()).isFalse();
        assertThat(account.allowNegativeBalance()).isFalse();
        assertThat(account.createdAt()).isEqualTo(OPENED_AT);
        assertThat(account.updatedAt()).isEqualTo(OPENED_AT);
    }

    @Test
    void opensTheWorldAccountAsAnExternalAccountThatMayGoNegative() {
        Account world = Account.openWorld(TENANT, USD, OPENED_AT);

        assertThat(world.id()).isEqualTo(AccountId.worldOf(TENANT, USD));
        assertThat(world.tenantId()).isEqualTo(TENANT);
        assertThat(world.type()).isEqualTo(AccountType.EXTERNAL);
        assertThat(world.world()).isTrue();
        assertThat(world.allowNegativeBalance()).isTrue();
        assertThat(world.balance()).isEqualTo(usd(0));
        assertThat(world.ownerId()).isNull();
        assertThat(world.status()).isEqualTo(AccountStatus.ACTIVE);
    }

    @Test
    void namesTheWorldAccountOfACurrencyTheSameOnEveryNode() {
        assertThat(AccountId.worldOf(TENANT, new Currency("USD", 2))).isEqualTo(AccountId.worldOf(TENANT, USD));
        assertThat(AccountId.worldOf(TENANT, EUR)).isNotEqualTo(AccountId.worldOf(TENANT, USD));
    }

    @Test
    void keepsTheDefaultTenantsWorldAccountIdsFromBeforeTenants() {
        assertThat(AccountId.worldOf(TenantId.DEFAULT, USD).value())
                .isEqualTo(UUID.fromString("fcbb0511-71ea-328d-8c2c-9a722e629438"));
    }

    @Test
    void givesEveryTenantWorldAccountsOfItsOwn() {
        assertThat(AccountId.worldOf(TENANT, USD)).isNotEqualTo(AccountId.worldOf(OTHER_TENANT, USD));
        assertThat(AccountId.worldOf(TENANT, USD)).isNotEqualTo(AccountId.worldOf(TenantId.DEFAULT, USD));
    }

    @Test
    void requiresItsIdentityBalanceStatusAndMetadata() {
        assertThatThrownBy(() -> new Account(null, newAccountId(), AccountType.USER, null, AccountStatus.ACTIVE, usd(0),
                false, false, 0, Metadata.empty(), OPENED_AT, OPENED_AT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Account(TENANT, null, AccountType.USER, null, AccountStatus.ACTIVE, usd(0), false, false,
                0, Metadata.empty(), OPENED_AT, OPENED_AT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Account(TENANT, newAccountId(), AccountType.USER, null, AccountStatus.ACTIVE, null, false,
                false, 0, Metadata.empty(), OPENED_AT, OPENED_AT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Account(TENANT, newAccountId(), AccountType.USER, null, null, usd(0), false, false,
                0, Metadata.empty(), OPENED_AT, OPENED_AT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Account(TENANT, newAccountId(), AccountType.USER, null, AccountStatus.ACTIVE, usd(0),
                false, false, 0, null, OPENED_AT, OPENED_AT)).isInstanceOf(NullPointerException.class);
    }
}
