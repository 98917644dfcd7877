package dev.polyledger.ledger.domain;

import static dev.polyledger.ledger.domain.DomainFixtures.NOW;
import static dev.polyledger.ledger.domain.DomainFixtures.OPENED_AT;
import static dev.polyledger.ledger.domain.DomainFixtures.USD;
import static dev.polyledger.ledger.domain.DomainFixtures.VERSION;
import static dev.polyledger.ledger.domain.DomainFixtures.active;
import static dev.polyledger.ledger.domain.DomainFixtures.atVersion;
import static dev.polyledger.ledger.domain.DomainFixtures.closed;
import static dev.polyledger.ledger.domain.DomainFixtures.eur;
import static dev.polyledger.ledger.domain.DomainFixtures.frozen;
import static dev.polyledger.ledger.domain.DomainFixtures.overdraftAllowed;
import static dev.polyledger.ledger.domain.DomainFixtures.transferOf;
import static dev.polyledger.ledger.domain.DomainFixtures.usd;
import static dev.polyledger.ledger.domain.DomainFixtures.world;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostingTest {

    // --- posted ---------------------------------------------------------------------------------------------

    @Test
    void postsOneDebitOnTheSourceThenOneCreditOnTheDestination() {
        Account source = active(usd(10_000));
        Account destination = atVersion(41, active(usd(500)));
        PostingRequest request = transferOf(usd(2_500));

        Posting.Posted posted = posted(Posting.post(request, source, destination, NOW));

        Transfer transfer = posted.transfer();
        assertThat(transfer.entries()).hasSize(2);
        Entry debit = transfer.entries().get(0);
        Entry credit = transfer.entries().get(1);

        assertThat(debit.id()).isEqualTo(request.debitEntryId());
        assertThat(debit.transferId()).isEqualTo(request.transferId());
        assertThat(debit.accountId()).isEqualTo(source.id());
        assertThat(debit.direction()).isEqualTo(Direction.DEBIT);
        assertThat(debit.amount()).isEqualTo(usd(2_500));
        assertThat(debit.balanceAfter()).isEqualTo(usd(7_500));
        assertThat(debit.accountVersion()).isEqualTo(VERSION + 1);
        assertThat(debit.createdAt()).isEqualTo(NOW);

        assertThat(credit.id()).isEqualTo(request.creditEntryId());
        assertThat(credit.transferId()).isEqualTo(request.transferId());
        assertThat(credit.accountId()).isEqualTo(destination.id());
        assertThat(credit.direction()).isEqualTo(Direction.CREDIT);
        assertThat(credit.amount()).isEqualTo(usd(2_500));
        assertThat(credit.balanceAfter()).isEqualTo(usd(3_000));
        assertThat(credit.accountVersion()).isEqualTo(42);
        assertThat(credit.createdAt()).isEqualTo(NOW);
    }

    @Test
    void describesTheTransferAsRequested() {
        Account source = active(usd(10_000));
        Account destination = active(usd(0));
        PostingRequest request = transferOf(usd(2_500));

        Transfer transfer = posted(Posting.post(request, source, destination, NOW)).transfer();

        assertThat(transfer.id()).isEqualTo(request.transferId());
        assertThat(transfer.kind()).isEqualTo(TransferKind.TRANSFER);
        assertThat(transfer.status()).isEqualTo(Transfer.Status.POSTED);
        assertThat(transfer.sourceAccountId()).isEqualTo(source.id());
        assertThat(transfer.destinationAccountId()).isEqualTo(destination.id());
        assertThat(transfer.amount()).isEqualTo(usd(2_500));
        assertThat(transfer.reference()).isEqualTo("order-991");
        assertThat(transfer.metadata().values()).containsExactlyEntriesOf(java.util.Map.of("order", "991"));
        assertThat(transfer.requestId()).isEqualTo("req-1");
        assertThat(transfer.createdAt()).isEqualTo(NOW);
    }

    @Test
    void returnsBothAccountsAfterThePostingWithVersionsIncremented() {
        Account source = active(usd(10_000));
        Account destination = atVersion(41, frozen(usd(500)));

        Posting.Posted posted = posted(Posting.post(transferOf(usd(2_500)), source, destination, NOW));

        assertThat(posted.source().balance()).isEqualTo(usd(7_500));
        assertThat(posted.source().version()).isEqualTo(VERSION + 1);
        assertThat(posted.source().updatedAt()).isEqualTo(NOW);
        assertThat(posted.source().createdAt()).isEqualTo(OPENED_AT);
        assertThat(posted.source().status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(posted.source().id()).isEqualTo(source.id());

        assertThat(posted.destination().balance()).isEqualTo(usd(3_000));
        assertThat(posted.destination().version()).isEqualTo(42);
        assertThat(posted.destination().updatedAt()).isEqualTo(NOW);
        assertThat(posted.destination().status()).isEqualTo(AccountStatus.FROZEN);
        assertThat(posted.destination().id()).isEqualTo(destination.id());
    }

    @Test
    void keepsTheSumOfEntriesAtZeroAndConservesTheTotalBalance() {
        Account source = active(usd(10_000));
        Account destination = active(usd(123));

        Posting.Posted posted = posted(Posting.post(transferOf(usd(4_321)), source, destination, NOW));

        long signedSum = posted.transfer().entries().stream()
                .mapToLong(e -> e.direction() == Direction.CREDIT ? e.amount().minorUnits() : -e.amount().minorUnits())
                .sum();
        assertThat(signedSum).isZero();
        assertThat(posted.source().balance().minorUnits() + posted.destination().balance().minorUnits())
                .isEqualTo(10_000 + 123);
    }

    @Test
    void letsAnAccountSpendItsWholeBalance() {
        Posting.Posted posted = posted(Posting.post(transferOf(usd(2_500)), active(usd(2_500)), active(usd(0)), NOW));

        assertThat(posted.source().balance()).isEqualTo(usd(0));
    }

    @Test
    void creditsAFrozenDestination() {
        Account destination = frozen(usd(0));

        Posting.Posted posted = posted(Posting.post(transferOf(usd(100)), active(usd(100)), destination, NOW));

        assertThat(posted.destination().balance()).isEqualTo(usd(100));
    }

    @Test
    void letsAnAccountThatAllowsANegativeBalanceGoBelowZero() {
        Account source = overdraftAllowed(usd(1_000));

        Posting.Posted posted = posted(Posting.post(transferOf(usd(2_500)), source, active(usd(0)), NOW));

        assertThat(posted.source().balance()).isEqualTo(usd(-1_500));
        assertThat(posted.transfer().entries().get(0).balanceAfter()).isEqualTo(usd(-1_500));
    }

    @Test
    void letsTheWorldAccountGoNegative() {
        Account world = world(USD);

        Posting.Posted posted = posted(Posting.post(transferOf(usd(2_500)), world, active(usd(0)), NOW));

        assertThat(posted.source().balance()).isEqualTo(usd(-2_500));
        assertThat(posted.source().world()).isTrue();
        assertThat(posted.destination().balance()).isEqualTo(usd(2_500));
    }

    @Test
    void returnsEntriesThatCannotBeModified() {
        Transfer transfer = posted(Posting.post(transferOf(usd(1)), active(usd(1)), active(usd(0)), NOW)).transfer();

        assertThatThrownBy(() -> transfer.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    // --- rejections, one at a time ----------------------------------------------------------------------------

    @Test
    void rejectsTransferWhenSourceAndDestinationAreTheSameAccount() {
        Account account = active(usd(10_000));

        assertRejected(Posting.post(transferOf(usd(100)), account, account, NOW), LedgerRejection.SAME_ACCOUNT);
    }

    @Test
    void rejectsTransferWhenSourceAndDestinationHaveTheSameIdEvenAsDifferentSnapshots() {
        Account before = active(usd(10_000));
        Account sameIdOtherState = active(before.id(), usd(1));

        assertRejected(Posting.post(transferOf(usd(100)), before, sameIdOtherState, NOW), LedgerRejection.SAME_ACCOUNT);
    }

    @Test
    void rejectsTransferWhenItsCurrencyDiffersFromBothAccounts() {
        assertRejected(Posting.post(transferOf(eur(100)), active(usd(10_000)), active(usd(0)), NOW),
                LedgerRejection.CURRENCY_MISMATCH);
    }

    @Test
    void rejectsTransferWhenItsCurrencyDiffersFromTheSource() {
        assertRejected(Posting.post(transferOf(usd(100)), active(eur(10_000)), active(usd(0)), NOW),
                LedgerRejection.CURRENCY_MISMATCH);
    }

    @Test
    void rejectsTransferWhenItsCurrencyDiffersFromTheDestination() {
        assertRejected(Posting.post(transferOf(usd(100)), active(usd(10_000)), active(eur(0)), NOW),
                LedgerRejection.CURRENCY_MISMATCH);
    }

    @Test
    void rejectsTransferWhenSourceIsFrozen() {
        assertRejected(Posting.post(transferOf(usd(100)), frozen(usd(10_000)), active(usd(0)), NOW),
                LedgerRejection.ACCOUNT_NOT_ACTIVE);
    }

    @Test
    void rejectsTransferWhenSourceIsClosed() {
        assertRejected(Posting.post(transferOf(usd(100)), closed(usd(0)), active(usd(0)), NOW),
                LedgerRejection.ACCOUNT_NOT_ACTIVE);
    }

    @Test
    void rejectsTransferWhenDestinationIsClosed() {
        assertRejected(Posting.post(transferOf(usd(100)), active(usd(10_000)), closed(usd(0)), NOW),
                LedgerRejection.ACCOUNT_NOT_ACTIVE);
    }

    @Test
    void rejectsTransferWhenSourceCannotCoverTheAmount() {
        Posting.Result result = Posting.post(transferOf(usd(2_501)), active(usd(2_500)), active(usd(0)), NOW);

        assertRejected(result, LedgerRejection.INSUFFICIENT_FUNDS);
        assertThat(((Posting.Rejected) result).detail()).contains("25.00").contains("25.01");
    }

    @Test
    void rejectsTransferWhenTheDestinationBalanceWouldOverflow() {
        assertRejected(Posting.post(transferOf(usd(10)), active(usd(10)), active(usd(Long.MAX_VALUE - 5)), NOW),
                LedgerRejection.BALANCE_OVERFLOW);
    }

    @Test
    void rejectsTransferWhenTheSourceBalanceWouldUnderflow() {
        assertRejected(Posting.post(transferOf(usd(10)), overdraftAllowed(usd(Long.MIN_VALUE + 5)), active(usd(0)), NOW),
                LedgerRejection.BALANCE_OVERFLOW);
    }

    @Test
    void rejectsAccountsOfTwoTenantsAsNotFoundBeforeAnyOtherRule() {
        Account source = active(usd(10));
        Account destination = DomainFixtures.inTenant(DomainFixtures.OTHER_TENANT, active(eur(0)));

        assertRejected(Posting.post(transferOf(usd(100)), source, destination, NOW), LedgerRejection.ACCOUNT_NOT_FOUND);
    }

    // --- rejections, in the documented order: SAME_ACCOUNT, CURRENCY_MISMATCH, ACCOUNT_NOT_ACTIVE,
    //     INSUFFICIENT_FUNDS, BALANCE_OVERFLOW -------------------------------------------------------------

    @Test
    void reportsSameAccountBeforeCurrencyMismatch() {
        Account frozenEmptyUsd = frozen(usd(0));

        assertRejected(Posting.post(transferOf(eur(100)), frozenEmptyUsd, frozenEmptyUsd, NOW),
                LedgerRejection.SAME_ACCOUNT);
    }

    @Test
    void reportsCurrencyMismatchBeforeAnInactiveSource() {
        assertRejected(Posting.post(transferOf(eur(100)), frozen(usd(0)), closed(usd(0)), NOW),
                LedgerRejection.CURRENCY_MISMATCH);
    }

    @Test
    void reportsAnInactiveSourceBeforeInsufficientFunds() {
        assertRejected(Posting.post(transferOf(usd(100)), frozen(usd(0)), active(usd(0)), NOW),
                LedgerRejection.ACCOUNT_NOT_ACTIVE);
    }

    @Test
    void reportsAClosedDestinationBeforeInsufficientFunds() {
        assertRejected(Posting.post(transferOf(usd(100)), active(usd(0)), closed(usd(0)), NOW),
                LedgerRejection.ACCOUNT_NOT_ACTIVE);
    }

    @Test
    void reportsInsufficientFundsBeforeOverflow() {
        assertRejected(Posting.post(transferOf(usd(100)), active(usd(0)), active(usd(Long.MAX_VALUE)), NOW),
                LedgerRejection.INSUFFICIENT_FUNDS);
    }

    @Test
    void refusesAPostingRequestForANonPositiveAmount() {
        assertThatThrownBy(() -> transferOf(usd(0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> transferOf(usd(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    private static Posting.Posted posted(Posting.Result result) {
        assertThat(result).isInstanceOf(Posting.Posted.class);
        return (Posting.Posted) result;
    }

    private static void assertRejected(Posting.Result result, LedgerRejection reason) {
        assertThat(result).isInstanceOfSatisfying(Posting.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(reason);
            assertThat(rejected.detail()).isNotBlank();
        });
    }
}
