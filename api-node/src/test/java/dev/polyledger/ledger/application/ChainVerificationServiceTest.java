package dev.polyledger.ledger.application;

import static dev.polyledger.ledger.application.TestRequests.context;
import static dev.polyledger.ledger.domain.DomainFixtures.OTHER_TENANT;
import static dev.polyledger.ledger.domain.DomainFixtures.TENANT;
import static dev.polyledger.ledger.domain.DomainFixtures.USD;
import static dev.polyledger.ledger.domain.DomainFixtures.newAccountId;
import static dev.polyledger.ledger.domain.DomainFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.ledger.application.port.in.HoldUseCase;
import dev.polyledger.ledger.application.port.in.Outcome;
import dev.polyledger.ledger.application.port.in.PostTransferCommand;
import dev.polyledger.ledger.application.service.HoldService;
import dev.polyledger.ledger.application.service.QueryService;
import dev.polyledger.ledger.application.service.TransferService;
import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.AccountType;
import dev.polyledger.ledger.domain.ChainVerification;
import dev.polyledger.ledger.domain.Entry;
import dev.polyledger.ledger.domain.HashChain;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.platform.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chain as the posting pipeline writes it and {@link QueryService#verification} recomputes it, over fakes. */
class ChainVerificationServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00.123456Z");

    private final MutableClock clock = MutableClock.at(NOW);
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final FixedCurrencies currencies = FixedCurrencies.of(USD);
    private final SequentialIds ids = new SequentialIds();
    private final TransferService transfers = new TransferService(ledger, currencies,
            Pipelines.over(ledger, new DirectUnitOfWork(), ids, currencies, clock));
    private final HoldService holds = new HoldService(ledger, new InMemoryHolds(), ledger, new DirectUnitOfWork(), ids,
            currencies, clock);
    private final QueryService queries = new QueryService(ledger, ledger, ledger);
    private final Account alice = open();
    private final Account bob = open();
    private final AccountId world = AccountId.worldOf(TENANT, USD);

    private Account open() {
        return ledger.seed(Account.open(TENANT, newAccountId(), USD, AccountType.USER, null, false, Metadata.empty(), NOW));
    }

    @BeforeEach
    void worldAccountsExist() {
        ledger.ensureWorld(TENANT, USD, NOW);
    }

    @Test
    void everyEntryOfCreditsTransfersHoldCapturesAndDebitsIsChainedOnItsAccountIncludingTheWorld() {
        post(PostTransferCommand.credit(alice.id(), "100.00", null, null, context("r1")));
        post(PostTransferCommand.transfer(alice.id(), bob.id(), "30.00", "USD", null, null, context("r2")));
        var hold = holds.place(new HoldUseCase.PlaceHold(alice.id(), bob.id(), new BigDecimal("20.00"), "USD", null,
                Metadata.empty(), null, context("r3")));
        var holdId = ((Outcome.Done<dev.polyledger.ledger.domain.Hold>) hold).value().id();
        clock.advance(java.time.Duration.ofMillis(7));
        assertThat(holds.post(new HoldUseCase.PostHold(holdId, new BigDecimal("5.00"), null, null, null, context("r4"))))
                .isInstanceOf(Outcome.Done.class);
        post(PostTransferCommand.debit(bob.id(), "1.00", null, null, context("r5")));

        assertThat(queries.verification(TENANT, alice.id())).contains(
                new ChainVerification(alice.id(), true, 3, ledger.account(alice.id()).headHash(), null));
        assertThat(queries.verification(TENANT, bob.id())).contains(
                new ChainVerification(bob.id(), true, 3, ledger.account(bob.id()).headHash(), null));
        assertThat(queries.verification(TENANT, world)).contains(
                new ChainVerification(world, true, 2, ledger.account(world).headHash(), null));
        assertThat(ledger.account(alice.id()).headHash()).isEqualTo(lastEntryOf(alice.id()).hash());
    }

    @Test
    void aTamperedAmountIsFoundAtItsVersion() {
        for (int i = 1; i <= 4; i++) {
            post(PostTransferCommand.credit(alice.id(), i + ".00", null, null, context("r" + i)));
        }
        Entry third = ledger.entries().stream().filter(e -> e.accountId().equals(alice.id()))
                .filter(e -> e.accountVersion() == 3).findFirst().orElseThrow();
        ledger.tamper(new Entry(third.id(), third.transferId(), third.accountId(), third.direction(), usd(30_000),
                third.balanceAfter(), third.accountVersion(), third.createdAt(), third.hash()));

        var result = queries.verification(TENANT, alice.id()).orElseThrow();

        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenVersion()).isEqualTo(3L);
        assertThat(result.entries()).isEqualTo(4);
        assertThat(queries.verification(TENANT, world).orElseThrow().valid()).isTrue();
    }

    @Test
    void walksAChainLongerThanOnePageOfReads() {
        for (int i = 0; i < 1_203; i++) {
            post(PostTransferCommand.credit(alice.id(), "0.01", null, null, context("r" + i)));
        }

        assertThat(queries.verification(TENANT, alice.id())).contains(
                new ChainVerification(alice.id(), true, 1_203, ledger.account(alice.id()).headHash(), null));
    }

    @Test
    void anAccountWithoutEntriesIsValidAtGenesis() {
        assertThat(queries.verification(TENANT, alice.id())).contains(
                new ChainVerification(alice.id(), true, 0, HashChain.GENESIS, null));
    }

    @Test
    void anotherTenantsAccountIsAsUnknownAsAnUnknownOne() {
        post(PostTransferCommand.credit(alice.id(), "1.00", null, null, context("r1")));

        assertThat(queries.verification(OTHER_TENANT, alice.id())).isEmpty();
        assertThat(queries.verification(TENANT, newAccountId())).isEmpty();
    }

    private void post(PostTransferCommand command) {
        assertThat(transfers.post(command)).isInstanceOf(Outcome.Done.class);
    }

    private Entry lastEntryOf(AccountId account) {
        return ledger.entries().stream().filter(e -> e.accountId().equals(account))
                .max(Comparator.comparingLong(Entry::accountVersion)).orElseThrow();
    }
}
