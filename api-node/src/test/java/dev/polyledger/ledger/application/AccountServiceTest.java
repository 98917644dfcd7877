package dev.polyledger.ledger.application;

import dev.polyledger.platform.testing.MutableClock;

import static dev.polyledger.ledger.domain.DomainFixtures.TENANT;
import static dev.polyledger.ledger.application.TestRequests.context;
import static dev.polyledger.ledger.domain.DomainFixtures.EUR;
import static dev.polyledger.ledger.domain.DomainFixtures.JPY;
import static dev.polyledger.ledger.domain.DomainFixtures.USD;
import static dev.polyledger.ledger.domain.DomainFixtures.VERSION;
import static dev.polyledger.ledger.domain.DomainFixtures.active;
import static dev.polyledger.ledger.domain.DomainFixtures.closed;
import static dev.polyledger.ledger.domain.DomainFixtures.frozen;
import static dev.polyledger.ledger.domain.DomainFixtures.newAccountId;
import static dev.polyledger.ledger.domain.DomainFixtures.usd;
import static dev.polyledger.ledger.domain.DomainFixtures.world;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.events.EventType;
import dev.polyledger.ledger.application.port.in.ChangeAccountStatusCommand;
import dev.polyledger.ledger.application.port.in.OpenAccountCommand;
import dev.polyledger.ledger.application.port.in.Outcome;
import dev.polyledger.ledger.application.port.out.Outbox.OutboxEvent;
import dev.polyledger.ledger.application.service.AccountService;
import dev.polyledger.ledger.application.view.AccountView;
import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.AccountStatus;
import dev.polyledger.ledger.domain.AccountType;
import dev.polyledger.ledger.domain.DomainFixtures;
import dev.polyledger.ledger.domain.LedgerRejection;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.ledger.domain.StatusChange.Action;
import dev.polyledger.ledger.domain.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private final MutableClock clock = MutableClock.at(NOW);
    private final DirectUnitOfWork unitOfWork = new DirectUnitOfWork();
    private final InMemoryLedger ledger = new InMemoryLedger().writesOnlyWithin(unitOfWork);
    private final SequentialIds ids = new SequentialIds();
    private final AccountService service = new AccountService(ledger, ledger, unitOfWork, ids,
            FixedCurrencies.of(USD, EUR, JPY), clock);

    // --- open -------------------------------------------------------------------------------------------------

    @Test
    void opensAnActiveAccountWithAZeroBalance() {
        Account account = service.open(new OpenAccountCommand("USD", null, "cust_42", false,
                Metadata.of(Map.of("tier", "gold")), context("req-7")));

        assertThat(account.currency()).isEqualTo(USD);
        assertThat(account.type()).isEqualTo(AccountType.USER);
        assertThat(account.ownerId()).isEqualTo("cust_42");
        assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(account.balance()).isEqualTo(usd(0));
        assertThat(account.version()).isZero();
        assertThat(account.createdAt()).isEqualTo(NOW);
        assertThat(account.metadata().values()).containsExactlyEntriesOf(Map.of("tier", "gold"));
        assertThat(account.tenantId()).isEqualTo(TENANT);
        assertThat(ledger.accounts()).contains(account);
    }

    @Test
    void opensTheTenantsWorldAccountOfTheCurrencyWithItsFirstAccount() {
        service.open(new OpenAccountCommand("EUR", null, null, false, null, context("req-1")));
        service.open(new OpenAccountCommand("EUR", null, null, false, null, context("req-2")));

        assertThat(ledger.accounts()).filteredOn(Account::world).singleElement().satisfies(world -> {
            assertThat(world.id()).isEqualTo(AccountId.worldOf(TENANT, EUR));
            assertThat(world.tenantId()).isEqualTo(TENANT);
            assertThat(world.type()).isEqualTo(AccountType.EXTERNAL);
        });
        assertThat(ledger.events()).as("the world account is no event of the client's").hasSize(2);
    }

    @Test
    void emitsAccountCreatedWithSequenceOne() {
        Account account = service.open(new OpenAccountCommand("JPY", AccountType.SYSTEM, null, true, null, context("req-7")));

        assertThat(ledger.events()).hasSize(1);
        OutboxEvent event = ledger.events().get(0);
        assertThat(event.type()).isEqualTo(EventType.ACCOUNT_CREATED);
        assertThat(event.type().routingKey()).isEqualTo("account.created");
        assertThat(event.sequence()).isEqualTo(1);
        assertThat(event.aggregateId()).isEqualTo(account.id().value());
        assertThat(event.eventId()).isNotEqualTo(account.id().value());
        assertThat(event.requestId()).isEqualTo("req-7");
        assertThat(event.tenant()).isEqualTo(TENANT);
        assertThat(event.actor()).isEqualTo(TestRequests.ACTOR);
        assertThat(event.occurredAt()).isEqualTo(NOW);
        assertThat(event.data()).isEqualTo(new AccountView(account.id().toString(), "JPY", "SYSTEM", null, "ACTIVE",
                "0", true, 0, "2026-11-21T10:00:00Z", "2026-11-21T10:00:00Z", Map.of()));
    }

    @Test
    void rejectsAnUnsupportedCurrencyWithoutWriting() {
        assertThatThrownBy(() -> service.open(new OpenAccountCommand("CHF", null, null, false, null, context("req-7"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("currency"));

        assertThat(ledger.accounts()).isEmpty();
        assertThat(ledger.events()).isEmpty();
    }

    // --- status changes ---------------------------------------------------------------------------------------

    @Test
    void freezesAnAccountAndEmitsAccountFrozenWithSequenceVersionPlusOne() {
        Account account = ledger.seed(active(usd(2_500)));
        clock.advance(Duration.ofMinutes(5));

        Account frozen = done(service.change(new ChangeAccountStatusCommand(account.id(), Action.FREEZE, context("req-8"))));

        assertThat(frozen.status()).isEqualTo(AccountStatus.FROZEN);
        assertThat(frozen.version()).isEqualTo(VERSION + 1);
        assertThat(ledger.account(account.id())).isEqualTo(frozen);
        assertThat(ledger.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventType.ACCOUNT_FROZEN);
            assertThat(event.type().routingKey()).isEqualTo("account.frozen");
            assertThat(event.sequence()).isEqualTo(VERSION + 2);
            assertThat(event.aggregateId()).isEqualTo(account.id().value());
            assertThat(event.requestId()).isEqualTo("req-8");
            assertThat(event.occurredAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
            assertThat(event.data()).isInstanceOfSatisfying(AccountView.class, view -> {
                assertThat(view.status()).isEqualTo("FROZEN");
                assertThat(view.balance()).isEqualTo("25.00");
                assertThat(view.version()).isEqualTo(VERSION + 1);
            });
        });
    }

    @Test
    void numbersAnAccountsEventsInCommitOrder() {
        Account account = service.open(new OpenAccountCommand("USD", null, null, false, null, context("r0")));
        AccountId id = account.id();

        done(service.change(new ChangeAccountStatusCommand(id, Action.FREEZE, context("r1"))));
        done(service.change(new ChangeAccountStatusCommand(id, Action.UNFREEZE, context("r2"))));
        done(service.change(new ChangeAccountStatusCommand(id, Action.CLOSE, context("r3"))));

        assertThat(ledger.events()).extracting(OutboxEvent::type).containsExactly(EventType.ACCOUNT_CREATED,
                EventType.ACCOUNT_FROZEN, EventType.ACCOUNT_UNFROZEN, EventType.ACCOUNT_CLOSED);
        assertThat(ledger.events()).extracting(OutboxEvent::sequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(ledger.events()).extracting(OutboxEvent::requestId).containsExactly("r0", "r1", "r2", "r3");
        assertThat(ledger.account(id).status()).isEqualTo(AccountStatus.CLOSED);
    }

    @Test
    void answersAnUnchangedFreezeWithTheAccountAndEmitsNothing() {
        Account account = ledger.seed(frozen(usd(2_500)));

        Account answered = done(service.change(new ChangeAccountStatusCommand(account.id(), Action.FREEZE, context("r"))));

        assertThat(answered).isEqualTo(account);
        assertThat(ledger.account(account.id())).isEqualTo(account);
        assertThat(ledger.events()).isEmpty();
    }

    @Test
    void refusesToCloseAnAccountThatHoldsMoney() {
        Account account = ledger.seed(active(usd(1)));

        assertRefused(service.change(new ChangeAccountStatusCommand(account.id(), Action.CLOSE, context("r"))),
                LedgerRejection.ACCOUNT_BALANCE_NOT_ZERO);
        assertThat(ledger.account(account.id())).isEqualTo(account);
        assertThat(ledger.events()).isEmpty();
    }

    @Test
    void refusesToFreezeAClosedAccount() {
        Account account = ledger.seed(closed(usd(0)));

        assertRefused(service.change(new ChangeAccountStatusCommand(account.id(), Action.FREEZE, context("r"))),
                LedgerRejection.ACCOUNT_NOT_ACTIVE);
        assertThat(ledger.account(account.id())).isEqualTo(account);
        assertThat(ledger.events()).isEmpty();
    }

    @Test
    void refusesToChangeAWorldAccount() {
        Account world = ledger.seed(world(USD));

        assertRefused(service.change(new ChangeAccountStatusCommand(world.id(), Action.FREEZE, context("r"))),
                LedgerRejection.WORLD_ACCOUNT_IMMUTABLE);
        assertThat(ledger.account(world.id())).isEqualTo(world);
        assertThat(ledger.events()).isEmpty();
    }

    @Test
    void refusesToChangeAnUnknownAccount() {
        assertRefused(service.change(new ChangeAccountStatusCommand(newAccountId(), Action.FREEZE, context("r"))),
                LedgerRejection.ACCOUNT_NOT_FOUND);
        assertThat(ledger.accounts()).isEmpty();
        assertThat(ledger.events()).isEmpty();
    }

    private static Account done(Outcome<Account> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        return ((Outcome.Done<Account>) outcome).value();
    }

    private static void assertRefused(Outcome<Account> outcome, LedgerRejection reason) {
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(reason));
    }

    @Test
    void treatsAnotherTenantsAccountAsUnknownWhenChangingStatus() {
        Account theirs = ledger.seed(DomainFixtures.inTenant(DomainFixtures.OTHER_TENANT, active(usd(0))));

        assertRefused(service.change(new ChangeAccountStatusCommand(theirs.id(), Action.FREEZE, context("r"))),
                LedgerRejection.ACCOUNT_NOT_FOUND);
        assertThat(ledger.account(theirs.id())).isEqualTo(theirs);
        assertThat(ledger.events()).isEmpty();
    }
}
