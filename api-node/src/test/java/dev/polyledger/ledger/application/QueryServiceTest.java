package dev.polyledger.ledger.application;

import dev.polyledger.platform.testing.MutableClock;

import static dev.polyledger.ledger.application.TestRequests.context;
import static dev.polyledger.ledger.domain.DomainFixtures.TENANT;
import static dev.polyledger.ledger.domain.DomainFixtures.OTHER_TENANT;
import static dev.polyledger.ledger.domain.DomainFixtures.USD;
import static dev.polyledger.ledger.domain.DomainFixtures.newAccountId;
import static dev.polyledger.ledger.domain.DomainFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.ledger.application.port.in.LedgerQueries.EntryPage;
import dev.polyledger.ledger.application.port.in.Outcome;
import dev.polyledger.ledger.application.port.in.PostTransferCommand;
import dev.polyledger.ledger.application.service.QueryService;
import dev.polyledger.ledger.application.service.TransferService;
import dev.polyledger.ledger.application.service.WorldAccountService;
import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.AccountType;
import dev.polyledger.ledger.domain.Entry;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.ledger.domain.Transfer;
import dev.polyledger.ledger.domain.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private final MutableClock clock = MutableClock.at(NOW);
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final FixedCurrencies currencies = FixedCurrencies.of(USD);
    private final TransferService transfers = new TransferService(ledger, currencies,
            Pipelines.over(ledger, new DirectUnitOfWork(), new SequentialIds(), currencies, clock));
    private final QueryService queries = new QueryService(ledger, ledger, ledger);
    private final Account account = ledger.seed(Account.open(TENANT, newAccountId(), USD, AccountType.USER, null, false,
            Metadata.empty(), NOW));

    @BeforeEach
    void worldAccountsExist() {
        ledger.ensureWorld(TENANT, USD, NOW);
    }

    @Test
    void pagesThroughEntriesNewestFirst() {
        creditDollars(1, 2, 3, 4, 5, 6, 7);

        EntryPage first = page(3, null);
        EntryPage second = page(3, first.nextBeforeVersion());
        EntryPage third = page(3, second.nextBeforeVersion());

        assertThat(first.items()).extracting(Entry::accountVersion).containsExactly(7L, 6L, 5L);
        assertThat(first.items().get(0).balanceAfter()).isEqualTo(usd(2_800));
        assertThat(first.nextBeforeVersion()).isEqualTo(5L);
        assertThat(second.items()).extracting(Entry::accountVersion).containsExactly(4L, 3L, 2L);
        assertThat(second.nextBeforeVersion()).isEqualTo(2L);
        assertThat(third.items()).extracting(Entry::accountVersion).containsExactly(1L);
        assertThat(third.items().get(0).balanceAfter()).isEqualTo(usd(100));
        assertThat(third.nextBeforeVersion()).isNull();
    }

    @Test
    void endsOnAFullLastPageWithoutAnEmptyOneAfterIt() {
        creditDollars(1, 2, 3, 4, 5, 6);

        EntryPage first = page(3, null);
        EntryPage second = page(3, first.nextBeforeVersion());

        assertThat(first.nextBeforeVersion()).isEqualTo(4L);
        assertThat(second.items()).extracting(Entry::accountVersion).containsExactly(3L, 2L, 1L);
        assertThat(second.nextBeforeVersion()).isNull();
    }

    @Test
    void coversEveryEntryOfTheAccountExactlyOnceAcrossPages() {
        creditDollars(1, 2, 3, 4, 5, 6, 7, 8, 9);
        List<UUID> expected = ledger.entries().stream()
                .filter(e -> e.accountId().equals(account.id()))
                .map(Entry::id)
                .toList();

        List<UUID> seen = new ArrayList<>();
        Long before = null;
        int pages = 0;
        do {
            EntryPage page = page(2, before);
            page.items().forEach(e -> seen.add(e.id()));
            before = page.nextBeforeVersion();
            pages++;
        } while (before != null && pages < 100);

        assertThat(pages).isEqualTo(5);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected).hasSize(9);
    }

    @Test
    void listsOnlyTheAccountsOwnEntries() {
        creditDollars(1, 2);

        assertThat(page(10, null).items()).extracting(Entry::accountId).containsOnly(account.id());
        assertThat(queries.entries(TENANT, AccountId.worldOf(TENANT, USD), 10, null).orElseThrow().items()).hasSize(2);
    }

    @Test
    void answersAnAccountWithoutEntriesWithAnEmptyLastPage() {
        EntryPage page = page(50, null);

        assertThat(page.items()).isEmpty();
        assertThat(page.nextBeforeVersion()).isNull();
    }

    @Test
    void answersNothingForAnUnknownAccount() {
        assertThat(queries.entries(TENANT, newAccountId(), 50, null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 501, Integer.MAX_VALUE})
    void rejectsALimitOutsideOneToFiveHundred(int limit) {
        assertThatThrownBy(() -> queries.entries(TENANT, account.id(), limit, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 500})
    void acceptsALimitOfOneToFiveHundred(int limit) {
        creditDollars(1, 2);

        EntryPage page = page(limit, null);

        assertThat(page.items()).hasSize(Math.min(limit, 2));
        assertThat(page.nextBeforeVersion()).isEqualTo(limit == 1 ? 2L : null);
    }

    @Test
    void readsAccountsAndTransfersAsCommitted() {
        Transfer credit = creditDollars(5).get(0);

        assertThat(queries.account(TENANT, account.id()).orElseThrow().balance()).isEqualTo(usd(500));
        assertThat(queries.transfer(TENANT, credit.id())).contains(credit);
        assertThat(queries.account(TENANT, newAccountId())).isEmpty();
    }

    @Test
    void seesNothingOfAnotherTenant() {
        Transfer credit = creditDollars(5).get(0);

        assertThat(queries.account(OTHER_TENANT, account.id())).isEmpty();
        assertThat(queries.transfer(OTHER_TENANT, credit.id())).isEmpty();
        assertThat(queries.entries(OTHER_TENANT, account.id(), 50, null)).isEmpty();
    }

    private EntryPage page(int limit, Long beforeVersion) {
        return queries.entries(TENANT, account.id(), limit, beforeVersion).orElseThrow();
    }

    private List<Transfer> creditDollars(int... amounts) {
        List<Transfer> posted = new ArrayList<>();
        for (int amount : amounts) {
            Outcome<Transfer> outcome = transfers.post(
                    PostTransferCommand.credit(account.id(), Integer.toString(amount), null, null, context("req")));
            assertThat(outcome).isInstanceOf(Outcome.Done.class);
            posted.add(((Outcome.Done<Transfer>) outcome).value());
        }
        return posted;
    }
}
