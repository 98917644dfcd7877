package dev.polyledger.ledger.application;

import dev.polyledger.platform.testing.MutableClock;

import static dev.polyledger.ledger.domain.DomainFixtures.JPY;
import static dev.polyledger.ledger.domain.DomainFixtures.USD;
import static dev.polyledger.ledger.domain.DomainFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.ledger.application.service.WorldAccountService;
import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.AccountStatus;
import dev.polyledger.ledger.domain.AccountType;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.ledger.domain.TenantId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorldAccountServiceTest {
    private final MutableClock clock = MutableClock.at("2026-11-21T10:00:00Z");
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final WorldAccountService service = new WorldAccountService(ledger, FixedCurrencies.of(USD, JPY), clock);

    @Test
    void opensTheWorldAccountOfEveryConfiguredCurrencyInTheDefaultTenant() {
        service.ensureWorldAccounts();

        assertThat(ledger.accounts()).extracting(Account::id)
                .containsExactlyInAnyOrder(AccountId.worldOf(TenantId.DEFAULT, USD), AccountId.worldOf(TenantId.DEFAULT, JPY));
        assertThat(ledger.account(AccountId.worldOf(TenantId.DEFAULT, USD)).type()).isEqualTo(AccountType.EXTERNAL);
        assertThat(ledger.account(AccountId.worldOf(TenantId.DEFAULT, JPY)).world()).isTrue();
    }

    @Test
    void leavesExistingWorldAccountsAsTheyAre() {
        Account existing = new Account(TenantId.DEFAULT, AccountId.worldOf(TenantId.DEFAULT, USD), AccountType.EXTERNAL, null,
                AccountStatus.ACTIVE, usd(-5_000), true, true, 7,
                Metadata.empty(), clock.instant(), clock.instant());
        ledger.seed(existing);
        clock.advance(Duration.ofDays(1));

        service.ensureWorldAccounts();

        assertThat(ledger.account(AccountId.worldOf(TenantId.DEFAULT, USD))).isEqualTo(existing);
        assertThat(ledger.accounts()).hasSize(2);
    }
}
