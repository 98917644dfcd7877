package dev.polyledger.ledger.application;

import dev.polyledger.platform.testing.MutableClock;

import static dev.polyledger.ledger.domain.DomainFixtures.inTenant;
import static dev.polyledger.ledger.domain.DomainFixtures.OTHER_TENANT;
import static dev.polyledger.ledger.domain.DomainFixtures.TENANT;
import static dev.polyledger.ledger.application.TestRequests.context;
import static dev.polyledger.ledger.domain.DomainFixtures.EUR;
import static dev.polyledger.ledger.domain.DomainFixtures.GBP;
import static dev.polyledger.ledger.domain.DomainFixtures.INR;
import static dev.polyledger.ledger.domain.DomainFixtures.JPY;
import static dev.polyledger.ledger.domain.DomainFixtures.USD;
import static dev.polyledger.ledger.domain.DomainFixtures.VERSION;
import static dev.polyledger.ledger.domain.DomainFixtures.active;
import static dev.polyledger.ledger.domain.DomainFixtures.eur;
import static dev.polyledger.ledger.domain.DomainFixtures.frozen;
import static dev.polyledger.ledger.domain.DomainFixtures.jpy;
import static dev.polyledger.ledger.domain.DomainFixtures.newAccountId;
import static dev.polyledger.ledger.domain.DomainFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import dev.polyledger.events.EventType;
import dev.polyledger.ledger.application.port.in.Outcome;
import dev.polyledger.ledger.application.port.in.PostTransferCommand;
import dev.polyledger.ledger.application.port.out.Outbox.OutboxEvent;
import dev.polyledger.ledger.application.service.TransferService;
import dev.polyledger.ledger.application.service.WorldAccountService;
import dev.polyledger.ledger.application.view.TransferView;
import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.Direction;
import dev.polyledger.ledger.domain.Entry;
import dev.polyledger.ledger.domain.HashChain;
import dev.polyledger.ledger.domain.LedgerRejection;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.ledger.domain.Transfer;
import dev.polyledger.ledger.domain.TransferKind;
import dev.polyledger.ledger.domain.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransferServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:30:00.123456Z");

    private final MutableClock clock = MutableClock.at(NOW);
    private final DirectUnitOfWork unitOfWork = new DirectUnitOfWork();
    private final InMemoryLedger ledger = new InMemoryLedger().writesOnlyWithin(unitOfWork);
    private final SequentialIds ids = new SequentialIds();
    private final FixedCurrencies currencies = FixedCurrencies.of(USD, EUR, GBP, JPY, INR);
    private final TransferService service = new TransferService(ledger, currencies,
            Pipelines.over(ledger, unitOfWork, ids, currencies, clock));

    @BeforeEach
    void everyCurrencyHasItsWorldAccount() {
        currencies.all().forEach(currency -> ledger.ensureWorld(TENANT, currency, NOW));
    }

    // --- transfers --------------------------------------------------------------------------------------------

    @Test
    void postsATransferAndUpdatesBothBalances() {
        Account source = ledger.seed(active(usd(10_000)));
        Account destination = ledger.seed(active(usd(500)));

        Transfer transfer = done(service.post(transfer(source, destination, "25.00", "USD")));

        assertThat(transfer.kind()).isEqualTo(TransferKind.TRANSFER);
        assertThat(transfer.sourceAccountId()).isEqualTo(source.id());
        assertThat(transfer.destinationAccountId()).isEqualTo(destination.id());
        assertThat(transfer.amount()).isEqualTo(usd(2_500));
        assertThat(transfer.reference()).isEqualTo("order-991");
        assertThat(transfer.requestId()).isEqualTo("req-1");
        assertThat(ledger.account(source.id()).balance()).isEqualTo(usd(7_500));
        assertThat(ledger.account(source.id()).version()).isEqualTo(VERSION + 1);
        assertThat(ledger.account(destination.id()).balance()).isEqualTo(usd(3_000));
        assertThat(ledger.account(destination.id()).version()).isEqualTo(VERSION + 1);
        assertThat(ledger.transfers()).containsExactly(transfer);
        assertThat(ledger.entries()).extracting(Entry::accountId, Entry::direction, Entry::balanceAfter)
                .containsExactly(
                        tuple(source.id(), Direction.DEBIT, usd(7_500)),
                        tuple(destination.id(), Direction.CREDIT, usd(3_000)));
        assertThat(unitOfWork.transactions()).isEqualTo(1);
    }

    @Test
    void emitsOneTransferPostedEventWithSequenceOneAndTheRequestId() {
        Account source = ledger.seed(active(usd(10_000)));
        Account destination = ledger.seed(active(usd(500)));

        Transfer transfer = done(service.post(transfer(source, destination, "25", "USD")));

        assertThat(ledger.events()).hasSize(1);
        OutboxEvent event = ledger.events().get(0);
        assertThat(event.type()).isEqualTo(EventType.TRANSFER_POSTED);
        assertThat(event.type().routingKey()).isEqualTo("transfer.posted");
        assertThat(event.sequence()).isEqualTo(1);
        assertThat(event.requestId()).isEqualTo("req-1");
        assertThat(event.aggregateId()).isEqualTo(transfer.id().value());
        assertThat(event.occurredAt()).isEqualTo(transfer.createdAt());
        assertThat(event.eventId()).isNotEqualTo(transfer.id().value())
                .isNotIn(transfer.entries().stream().map(Entry::id).toList());
        assertThat(event.data()).isInstanceOfSatisfying(TransferView.class, view -> {
            assertThat(view.id()).isEqualTo(transfer.id().toString());
            assertThat(view.kind()).isEqualTo("TRANSFER");
            assertThat(view.status()).isEqualTo("POSTED");
            assertThat(view.amount()).isEqualTo("25.00");
            assertThat(view.currency()).isEqualTo("USD");
            assertThat(view.createdAt()).isEqualTo("2026-11-21T12:30:00.123456Z");
            assertThat(view.entries()).containsExactly(
                    new TransferView.Leg(source.id().toString(), "DEBIT", "25.00", "75.00", transfer.entries().get(0).hash()),
                    new TransferView.Leg(destination.id().toString(), "CREDIT", "25.00", "30.00",
                            transfer.entries().get(1).hash()));
            assertThat(view.entries()).extracting(TransferView.Leg::hash).allMatch(HashChain::isHash).doesNotHaveDuplicates();
        });
    }

    @Test
    void givesEveryTransferItsOwnEventStream() {
        Account source = ledger.seed(active(usd(10_000)));
        Account destination = ledger.seed(active(usd(0)));

        Transfer first = done(service.post(transfer(source, destination, "1", "USD")));
        Transfer second = done(service.post(transfer(source, destination, "2", "USD")));

        assertThat(ledger.events()).extracting(OutboxEvent::aggregateId, OutboxEvent::sequence).containsExactly(
                tuple(first.id().value(), 1L),
                tuple(second.id().value(), 1L));
        assertThat(ledger.account(source.id()).balance()).isEqualTo(usd(9_700));
        assertThat(ledger.account(source.id()).version()).isEqualTo(VERSION + 2);
    }

    @Test
    void stampsThePostingTimeAtMicrosecondPrecision() {
        clock.set(Instant.parse("2026-11-21T12:30:00.123456789Z"));
        Account source = ledger.seed(active(usd(10_000)));
        Account destination = ledger.seed(active(usd(0)));

        Transfer transfer = done(service.post(transfer(source, destination, "1", "USD")));

        assertThat(transfer.createdAt()).isEqualTo(Instant.parse("2026-11-21T12:30:00.123456Z"));
    }

    @Test
    void locksBothAccountsInOneRequest() {
        Account source = ledger.seed(active(usd(10_000)));
        Account destination = ledger.seed(active(usd(0)));

        done(service.post(transfer(source, destination, "1", "USD")));

        assertThat(ledger.lockRequests()).hasSize(1);
        assertThat(ledger.lockRequests().get(0)).containsExactlyInAnyOrder(source.id(), destination.id());
    }

    // --- credits and debits -----------------------------------------------------------------------------------

    @Test
    void creditsFromTheWorldAccountOfTheAccountsCurrency() {
        Account account = ledger.seed(active(jpy(0)));

        Transfer credit = done(service.post(PostTransferCommand.credit(account.id(), "1000", "top-up", null, context("req-2"))));

        assertThat(credit.kind()).isEqualTo(TransferKind.CREDIT);
        assertThat(credit.sourceAccountId()).isEqualTo(AccountId.worldOf(TENANT, JPY));
        assertThat(credit.destinationAccountId()).isEqualTo(account.id());
        assertThat(credit.amount()).isEqualTo(jpy(1_000));
        assertThat(ledger.account(account.id()).balance()).isEqualTo(jpy(1_000));
        assertThat(ledger.account(AccountId.worldOf(TENANT, JPY)).balance()).isEqualTo(jpy(-1_000));
        assertThat(ledger.account(AccountId.worldOf(TENANT, USD)).version()).isZero();
        assertThat(ledger.events()).singleElement()
                .satisfies(event -> assertThat(event.type()).isEqualTo(EventType.TRANSFER_POSTED));
    }

    @Test
    void debitsIntoTheWorldAccountOfTheAccountsCurrency() {
        Account account = ledger.seed(active(usd(5_000)));

        Transfer debit = done(service.post(PostTransferCommand.debit(account.id(), "10.5", "payout", null, context("req-3"))));

        assertThat(debit.kind()).isEqualTo(TransferKind.DEBIT);
        assertThat(debit.sourceAccountId()).isEqualTo(account.id());
        assertThat(debit.destinationAccountId()).isEqualTo(AccountId.worldOf(TENANT, USD));
        assertThat(ledger.account(account.id()).balance()).isEqualTo(usd(3_950));
        assertThat(ledger.account(AccountId.worldOf(TENANT, USD)).balance()).isEqualTo(usd(1_050));
        assertThat(ledger.events()).singleElement()
                .satisfies(event -> assertThat(event.requestId()).isEqualTo("req-3"));
    }

    @Test
    void creditsAFrozenAccount() {
        Account account = ledger.seed(frozen(usd(0)));

        done(service.post(PostTransferCommand.credit(account.id(), "1", null, null, context("req-4"))));

        assertThat(ledger.account(account.id()).balance()).isEqualTo(usd(100));
    }

    // --- the accounts a request will change (its writers queue behind each other) -----------------------------

    @Test
    void namesSourceAndDestinationAsTheAccountsATransferChanges() {
        AccountId source = newAccountId();
        AccountId destination = newAccountId();

        assertThat(service.accountsChangedBy(PostTransferCommand.transfer(source, destination, "1", "USD", null, null,
                context("r")))).containsExactlyInAnyOrder(source, destination);
    }

    @Test
    void namesTheAccountAndTheWorldAccountOfItsCurrencyAsTheAccountsACreditOrDebitChanges() {
        Account yen = ledger.seed(active(jpy(0)));

        assertThat(service.accountsChangedBy(PostTransferCommand.credit(yen.id(), "1", null, null, context("r"))))
                .containsExactlyInAnyOrder(yen.id(), AccountId.worldOf(TENANT, JPY));
        assertThat(service.accountsChangedBy(PostTransferCommand.debit(yen.id(), "1", null, null, context("r"))))
                .containsExactlyInAnyOrder(yen.id(), AccountId.worldOf(TENANT, JPY));
    }

    @Test
    void namesJustTheUnknownAccountOfACreditToIt() {
        AccountId unknown = newAccountId();

        assertThat(service.accountsChangedBy(PostTransferCommand.credit(unknown, "1", null, null, context("r"))))
                .containsExactly(unknown);
    }

    // --- refusals: nothing is written, no event ---------------------------------------------------------------

    @Test
    void refusesTransferToAnUnknownAccountAndWritesNothing() {
        Account source = ledger.seed(active(usd(10_000)));
        AccountId unknown = newAccountId();
        List<Account> before = ledger.accounts();

        Outcome<Transfer> outcome = service.post(PostTransferCommand.transfer(source.id(), unknown, "1", "USD", null,
                null, context("req-1")));

        assertRefused(outcome, LedgerRejection.ACCOUNT_NOT_FOUND, unknown.toString());
        assertNothingWritten(before);
    }

    @Test
    void refusesTransferFromAnUnknownAccountAndWritesNothing() {
        Account destination = ledger.seed(active(usd(0)));
        AccountId unknown = newAccountId();
        List<Account> before = ledger.accounts();

        Outcome<Transfer> outcome = service.post(PostTransferCommand.transfer(unknown, destination.id(), "1", "USD",
                null, null, context("req-1")));

        assertRefused(outcome, LedgerRejection.ACCOUNT_NOT_FOUND, unknown.toString());
        assertNothingWritten(before);
    }

    @Test
    void treatsAnotherTenantsAccountAsUnknownOnEitherSideAndWritesNothing() {
        Account mine = ledger.seed(active(usd(2_500)));
        Account theirs = ledger.seed(inTenant(OTHER_TENANT, active(usd(2_500))));
        List<Account> before = ledger.accounts();

        assertRefused(service.post(PostTransferCommand.transfer(mine.id(), theirs.id(), "1", "USD", null, null,
                context("req-1"))), LedgerRejection.ACCOUNT_NOT_FOUND, theirs.id().toString());
        assertRefused(service.post(PostTransferCommand.transfer(theirs.id(), mine.id(), "1", "USD", null, null,
                context("req-1"))), LedgerRejection.ACCOUNT_NOT_FOUND, theirs.id().toString());
        assertRefused(service.post(PostTransferCommand.debit(theirs.id(), "1", null, null, context("req-1"))),
                LedgerRejection.ACCOUNT_NOT_FOUND, theirs.id().toString());
        assertNothingWritten(before);
    }

    @Test
    void postsInTheTenantOfTheRequestAndNamesItAndTheActorInTheEvent() {
        Account source = ledger.seed(active(usd(2_500)));
        Account destination = ledger.seed(active(usd(0)));

        Transfer transfer = done(service.post(PostTransferCommand.transfer(source.id(), destination.id(), "1", "USD",
                null, null, context("req-1"))));

        assertThat(transfer.tenantId()).isEqualTo(TENANT);
        assertThat(ledger.events()).singleElement().satisfies(event -> {
            assertThat(event.tenant()).isEqualTo(TENANT);
            assertThat(event.actor()).isEqualTo(TestRequests.ACTOR);
        });
    }

    @Test
    void refusesCreditAndDebitOfAnUnknownAccountAndWritesNothing() {
        AccountId unknown = newAccountId();
        List<Account> before = ledger.accounts();

        assertRefused(service.post(PostTransferCommand.credit(unknown, "1", null, null, context("req-1"))),
                LedgerRejection.ACCOUNT_NOT_FOUND, unknown.toString());
        assertRefused(service.post(PostTransferCommand.debit(unknown, "1", null, null, context("req-1"))),
                LedgerRejection.ACCOUNT_NOT_FOUND, unknown.toString());
        assertNothingWritten(before);
    }

    @Test
    void refusesTransferWhenSourceCannotCoverItAndWritesNothing() {
        Account source = ledger.seed(active(usd(2_500)));
        Account destination = ledger.seed(active(usd(0)));
        List<Account> before = ledger.accounts();

        assertRefused(service.post(transfer(source, destination, "25.01", "USD")), LedgerRejection.INSUFFICIENT_FUNDS,
                "25.01");
        assertNothingWritten(before);
    }

    @Test
    void refusesTransferToTheSameAccountAndWritesNothing() {
        Account account = ledger.seed(active(usd(2_500)));
        List<Account> before = ledger.accounts();

        assertRefused(service.post(transfer(account, account, "1", "USD")), LedgerRejection.SAME_ACCOUNT, "same");
        assertNothingWritten(before);
    }

    @Test
    void refusesTransferInAnotherCurrencyThanTheAccountsAndWritesNothing() {
        Account source = ledger.seed(active(usd(2_500)));
        Account destination = ledger.seed(active(eur(0)));
        List<Account> before = ledger.accounts();

        assertRefused(service.post(transfer(source, destination, "1", "USD")), LedgerRejection.CURRENCY_MISMATCH,
                "EUR");
        assertNothingWritten(before);
    }

    @Test
    void refusesDebitOfAFrozenAccountAndWritesNothing() {
        Account account = ledger.seed(frozen(usd(2_500)));
        List<Account> before = ledger.accounts();

        assertRefused(service.post(PostTransferCommand.debit(account.id(), "1", null, null, context("req-1"))),
                LedgerRejection.ACCOUNT_NOT_ACTIVE, "FROZEN");
        assertNothingWritten(before);
    }

    // --- validation: thrown, nothing written ------------------------------------------------------------------

    @Test
    void rejectsAnUnsupportedCurrency() {
        Account source = ledger.seed(active(usd(10_000)));
        Account destination = ledger.seed(active(usd(0)));
        List<Account> before = ledger.accounts();

        assertInvalid(() -> service.post(transfer(source, destination, "1", "CHF")), "currency");
        assertNothingWritten(before);
    }

    @Test
    void rejectsAnAmountWithMoreDecimalsThanTheCurrencyAllows() {
        Account source = ledger.seed(active(usd(10_000)));
        Account destination = ledger.seed(active(usd(0)));
        Account yen = ledger.seed(active(jpy(5_000)));
        List<Account> before = ledger.accounts();

        assertInvalid(() -> service.post(transfer(source, destination, "10.505", "USD")), "amount");
        assertInvalid(() -> service.post(PostTransferCommand.credit(yen.id(), "1000.5", null, null, context("r"))), "amount");
        assertInvalid(() -> service.post(PostTransferCommand.debit(yen.id(), "0.5", null, null, context("r"))), "amount");
        assertNothingWritten(before);
    }

    @Test
    void rejectsAnAmountWithTooManyDecimalsBeforeLookingUpTheAccounts() {
        assertInvalid(() -> service.post(PostTransferCommand.transfer(newAccountId(), newAccountId(), "1.001", "USD",
                null, null, context("r"))), "amount");
        assertThat(ledger.lockRequests()).isEmpty();
    }

    /**
     * Outcome's contract: malformed input "fails with ValidationException before anything runs", and only
     * refusals are recorded under the idempotency key. A malformed amount must not be answered with a
     * (recorded, replayed) 422 SAME_ACCOUNT.
     */
    @Test
    void rejectsAnAmountWithTooManyDecimalsEvenWhenSourceAndDestinationAreTheSame() {
        Account account = ledger.seed(active(usd(10_000)));
        var answered = new AtomicReference<Outcome<Transfer>>();

        Throwable thrown = catchThrowable(() -> answered.set(service.post(transfer(account, account, "10.505", "USD"))));

        assertThat(thrown).as("answered %s instead of failing validation", answered.get())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("amount"));
    }

    private static PostTransferCommand transfer(Account source, Account destination, String amount, String currency) {
        return PostTransferCommand.transfer(source.id(), destination.id(), amount, currency, "order-991",
                Metadata.of(Map.of("order", "991")), context("req-1"));
    }

    private static Transfer done(Outcome<Transfer> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        return ((Outcome.Done<Transfer>) outcome).value();
    }

    private static void assertRefused(Outcome<Transfer> outcome, LedgerRejection reason, String detailMentions) {
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(reason);
            assertThat(refused.detail()).contains(detailMentions);
        });
    }

    private static void assertInvalid(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    private void assertNothingWritten(List<Account> accountsBefore) {
        assertThat(ledger.accounts()).containsExactlyElementsOf(accountsBefore);
        assertThat(ledger.transfers()).isEmpty();
        assertThat(ledger.entries()).isEmpty();
        assertThat(ledger.events()).isEmpty();
    }
}
