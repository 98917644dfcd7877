package dev.polyledger.ledger.domain;

import static dev.polyledger.ledger.domain.DomainFixtures.NOW;
import static dev.polyledger.ledger.domain.DomainFixtures.OTHER_TENANT;
import static dev.polyledger.ledger.domain.DomainFixtures.VERSION;
import static dev.polyledger.ledger.domain.DomainFixtures.active;
import static dev.polyledger.ledger.domain.DomainFixtures.closed;
import static dev.polyledger.ledger.domain.DomainFixtures.eur;
import static dev.polyledger.ledger.domain.DomainFixtures.frozen;
import static dev.polyledger.ledger.domain.DomainFixtures.inTenant;
import static dev.polyledger.ledger.domain.DomainFixtures.overdraftAllowed;
import static dev.polyledger.ledger.domain.DomainFixtures.transferOf;
import static dev.polyledger.ledger.domain.DomainFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HoldRulesTest {
    private static final Instant EXPIRES = NOW.plus(Duration.ofHours(1));

    private static HoldRules.Placement placement(Money amount) {
        return new HoldRules.Placement(UUID.randomUUID(), amount, "auth-1", Metadata.of(Map.of("card", "4242")), "req-h",
                EXPIRES);
    }

    private static HoldRules.Changed changed(HoldRules.Result result) {
        assertThat(result).isInstanceOf(HoldRules.Changed.class);
        return (HoldRules.Changed) result;
    }

    private static HoldRules.Rejected rejected(HoldRules.Result result) {
        assertThat(result).isInstanceOf(HoldRules.Rejected.class);
        return (HoldRules.Rejected) result;
    }

    /** A pending hold of {@code amount} on a source of {@code balance}; the source after it. */
    private static HoldRules.Changed placed(long balance, long amount) {
        return changed(HoldRules.place(placement(usd(amount)), active(usd(balance)), active(usd(0)), NOW));
    }

    // --- place ------------------------------------------------------------------------------------------------

    @Test
    void placingReservesTheAmountOnTheSourceAndMovesNothing() {
        Account source = active(usd(10_000));
        Account destination = active(usd(0));

        var placed = changed(HoldRules.place(placement(usd(2_500)), source, destination, NOW));

        assertThat(placed.source().balance()).isEqualTo(usd(10_000));
        assertThat(placed.source().heldAmount()).isEqualTo(usd(2_500));
        assertThat(placed.source().availableBalance()).isEqualTo(usd(7_500));
        assertThat(placed.source().version()).isEqualTo(VERSION + 1);
        assertThat(placed.destination()).isEqualTo(destination);
        assertThat(placed.transfer()).isNull();
        Hold hold = placed.hold();
        assertThat(hold.status()).isEqualTo(Hold.Status.PENDING);
        assertThat(hold.amount()).isEqualTo(usd(2_500));
        assertThat(hold.postedAmount()).isEqualTo(usd(0));
        assertThat(hold.remaining()).isEqualTo(usd(2_500));
        assertThat(hold.version()).isEqualTo(1);
        assertThat(hold.expiresAt()).isEqualTo(EXPIRES);
        assertThat(hold.transfers()).isEmpty();
    }

    @Test
    void aHoldOfExactlyTheAvailableBalanceIsPlacedAndOneMinorUnitMoreIsRefused() {
        var first = placed(10_000, 4_000);

        var exact = HoldRules.place(placement(usd(6_000)), first.source(), active(usd(0)), NOW);
        var oneMore = HoldRules.place(placement(usd(6_001)), first.source(), active(usd(0)), NOW);

        assertThat(changed(exact).source().availableBalance()).isEqualTo(usd(0));
        assertThat(rejected(oneMore).reason()).isEqualTo(LedgerRejection.INSUFFICIENT_FUNDS);
        assertThat(rejected(oneMore).detail()).contains("60.00 available");
    }

    @Test
    void anAccountAllowedANegativeBalanceMayHoldBeyondItsBalance() {
        var placed = changed(HoldRules.place(placement(usd(500)), overdraftAllowed(usd(0)), active(usd(0)), NOW));

        assertThat(placed.source().availableBalance()).isEqualTo(usd(-500));
    }

    @Test
    void placingIsRefusedInTheOrderOfAPosting() {
        Account source = active(usd(100));
        assertThat(rejected(HoldRules.place(placement(usd(1)), source, inTenant(OTHER_TENANT, active(usd(0))), NOW)).reason())
                .isEqualTo(LedgerRejection.ACCOUNT_NOT_FOUND);
        assertThat(rejected(HoldRules.place(placement(usd(1)), source, source, NOW)).reason())
                .isEqualTo(LedgerRejection.SAME_ACCOUNT);
        assertThat(rejected(HoldRules.place(placement(eur(1)), source, active(usd(0)), NOW)).reason())
                .isEqualTo(LedgerRejection.CURRENCY_MISMATCH);
        assertThat(rejected(HoldRules.place(placement(usd(1)), frozen(usd(100)), active(usd(0)), NOW)).reason())
                .isEqualTo(LedgerRejection.ACCOUNT_NOT_ACTIVE);
        assertThat(rejected(HoldRules.place(placement(usd(1)), source, closed(usd(0)), NOW)).reason())
                .isEqualTo(LedgerRejection.ACCOUNT_NOT_ACTIVE);
        // A frozen source is refused before its funds are judged.
        assertThat(rejected(HoldRules.place(placement(usd(1_000)), frozen(usd(100)), active(usd(0)), NOW)).reason())
                .isEqualTo(LedgerRejection.ACCOUNT_NOT_ACTIVE);
    }

    @Test
    void aHeldAmountBeyond64BitsIsRefusedAsOverflow() {
        var source = overdraftAllowed(usd(0));
        var big = changed(HoldRules.place(placement(usd(Long.MAX_VALUE)), source, active(usd(0)), NOW)).source();

        assertThat(rejected(HoldRules.place(placement(usd(1)), big, active(usd(0)), NOW)).reason())
                .isEqualTo(LedgerRejection.BALANCE_OVERFLOW);
    }

    // --- the available balance judges transfers ---------------------------------------------------------------

    @Test
    void aTransferIsJudgedOnTheAvailableBalanceNotTheBalance() {
        var held = placed(10_000, 7_000).source();

        var withinAvailable = Posting.post(transferOf(usd(3_000)), held, active(usd(0)), NOW);
        var beyondAvailable = Posting.post(transferOf(usd(3_001)), held, active(usd(0)), NOW);

        var posted = (Posting.Posted) withinAvailable;
        assertThat(posted.source().balance()).isEqualTo(usd(7_000));
        assertThat(posted.source().heldAmount()).isEqualTo(usd(7_000));
        assertThat(((Posting.Rejected) beyondAvailable).reason()).isEqualTo(LedgerRejection.INSUFFICIENT_FUNDS);
    }

    @Test
    void anAccountCannotBeBuiltWithAnAvailableBalanceBelowZeroUnlessAllowed() {
        assertThatThrownBy(() -> new Account(DomainFixtures.TENANT, DomainFixtures.newAccountId(), AccountType.USER, null,
                AccountStatus.ACTIVE, usd(100), usd(101), false, false, 1, Metadata.empty(), NOW, NOW))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Account(DomainFixtures.TENANT, DomainFixtures.newAccountId(), AccountType.USER, null,
                AccountStatus.ACTIVE, usd(100), usd(-1), true, false, 1, Metadata.empty(), NOW, NOW))
                .isInstanceOf(IllegalStateException.class);
    }

    // --- post -------------------------------------------------------------------------------------------------

    @Test
    void aPartialCaptureMovesItsAmountAndKeepsTheRestReserved() {
        var placed = placed(10_000, 5_000);
        var destination = active(usd(0));

        var captured = changed(HoldRules.post(placed.hold(), usd(2_000), null, transferOf(usd(1)), placed.source(),
                destination, NOW.plusSeconds(1)));

        assertThat(captured.hold().status()).isEqualTo(Hold.Status.PENDING);
        assertThat(captured.hold().postedAmount()).isEqualTo(usd(2_000));
        assertThat(captured.hold().remaining()).isEqualTo(usd(3_000));
        assertThat(captured.hold().version()).isEqualTo(2);
        assertThat(captured.hold().transfers()).containsExactly(captured.transfer().id());
        assertThat(captured.source().balance()).isEqualTo(usd(8_000));
        assertThat(captured.source().heldAmount()).isEqualTo(usd(3_000));
        assertThat(captured.source().availableBalance()).isEqualTo(usd(5_000));
        assertThat(captured.destination().balance()).isEqualTo(usd(2_000));
        Transfer transfer = captured.transfer();
        assertThat(transfer.kind()).isEqualTo(TransferKind.HOLD_POST);
        assertThat(transfer.holdId()).isEqualTo(placed.hold().id());
        assertThat(transfer.amount()).isEqualTo(usd(2_000));
        assertThat(transfer.sourceAccountId()).isEqualTo(placed.source().id());
        assertThat(transfer.destinationAccountId()).isEqualTo(destination.id());
    }

    @Test
    void capturesUpToTheAmountEndTheHoldAndOneMinorUnitMoreIsRefused() {
        var placed = placed(10_000, 5_000);
        var first = changed(HoldRules.post(placed.hold(), usd(2_000), null, transferOf(usd(1)), placed.source(),
                active(usd(0)), NOW));

        var tooMuch = HoldRules.post(first.hold(), usd(3_001), null, transferOf(usd(1)), first.source(),
                first.destination(), NOW);
        var rest = changed(HoldRules.post(first.hold(), usd(3_000), null, transferOf(usd(1)), first.source(),
                first.destination(), NOW));

        assertThat(rejected(tooMuch).reason()).isEqualTo(LedgerRejection.AMOUNT_EXCEEDS_HOLD);
        assertThat(rest.hold().status()).isEqualTo(Hold.Status.POSTED);
        assertThat(rest.hold().postedAmount()).isEqualTo(usd(5_000));
        assertThat(rest.hold().transfers()).hasSize(2);
        assertThat(rest.source().heldAmount()).isEqualTo(usd(0));
        assertThat(rest.source().balance()).isEqualTo(usd(5_000));
        assertThat(rest.destination().balance()).isEqualTo(usd(5_000));
    }

    @Test
    void aCaptureWithoutAnAmountTakesAllThatRemains() {
        var placed = placed(10_000, 5_000);

        var all = changed(HoldRules.post(placed.hold(), null, null, transferOf(usd(1)), placed.source(), active(usd(0)), NOW));

        assertThat(all.transfer().amount()).isEqualTo(usd(5_000));
        assertThat(all.hold().status()).isEqualTo(Hold.Status.POSTED);
        assertThat(all.source().heldAmount()).isEqualTo(usd(0));
    }

    @Test
    void aFinalPartialCaptureReleasesTheRest() {
        var placed = placed(10_000, 5_000);

        var fin = changed(HoldRules.post(placed.hold(), usd(1_000), true, transferOf(usd(1)), placed.source(),
                active(usd(0)), NOW));

        assertThat(fin.hold().status()).isEqualTo(Hold.Status.POSTED);
        assertThat(fin.hold().postedAmount()).isEqualTo(usd(1_000));
        assertThat(fin.hold().remaining()).isEqualTo(usd(0));
        assertThat(fin.source().heldAmount()).isEqualTo(usd(0));
        assertThat(fin.source().balance()).isEqualTo(usd(9_000));
        assertThat(fin.source().availableBalance()).isEqualTo(usd(9_000));
    }

    @Test
    void aCaptureOfEverythingMarkedNotFinalStillEndsTheHold() {
        var placed = placed(10_000, 5_000);

        var all = changed(HoldRules.post(placed.hold(), usd(5_000), false, transferOf(usd(1)), placed.source(),
                active(usd(0)), NOW));

        assertThat(all.hold().status()).isEqualTo(Hold.Status.POSTED);
    }

    @Test
    void aCaptureInAnotherCurrencyIsRefused() {
        var placed = placed(10_000, 5_000);

        assertThat(rejected(HoldRules.post(placed.hold(), eur(1), null, transferOf(usd(1)), placed.source(),
                active(usd(0)), NOW)).reason()).isEqualTo(LedgerRejection.CURRENCY_MISMATCH);
    }

    @Test
    void aCaptureToADestinationClosedSincePlacementIsRefusedAndReleasesNothing() {
        var placed = placed(10_000, 5_000);

        var refused = HoldRules.post(placed.hold(), usd(1_000), null, transferOf(usd(1)), placed.source(),
                closed(usd(0)), NOW);

        assertThat(rejected(refused).reason()).isEqualTo(LedgerRejection.ACCOUNT_NOT_ACTIVE);
    }

    @Test
    void aHoldThatIsNotPendingCannotBePostedOrVoided() {
        var placed = placed(10_000, 5_000);
        var voided = changed(HoldRules.voidHold(placed.hold(), placed.source(), NOW));
        var posted = changed(HoldRules.post(placed.hold(), null, null, transferOf(usd(1)), placed.source(),
                active(usd(0)), NOW));

        for (Hold done : new Hold[] {voided.hold(), posted.hold()}) {
            assertThat(rejected(HoldRules.post(done, usd(1), null, transferOf(usd(1)), voided.source(), active(usd(0)),
                    NOW)).reason()).isEqualTo(LedgerRejection.HOLD_NOT_PENDING);
            assertThat(rejected(HoldRules.voidHold(done, voided.source(), NOW)).reason())
                    .isEqualTo(LedgerRejection.HOLD_NOT_PENDING);
        }
    }

    @Test
    void aHoldAtItsExpiryCannotBePostedOrVoidedAndReadsExpired() {
        var placed = placed(10_000, 5_000);
        Hold hold = placed.hold();

        assertThat(hold.statusAt(EXPIRES.minusMillis(1))).isEqualTo(Hold.Status.PENDING);
        assertThat(hold.statusAt(EXPIRES)).isEqualTo(Hold.Status.EXPIRED);
        var post = rejected(HoldRules.post(hold, usd(1), null, transferOf(usd(1)), placed.source(), active(usd(0)), EXPIRES));
        assertThat(post.reason()).isEqualTo(LedgerRejection.HOLD_NOT_PENDING);
        assertThat(post.detail()).contains("EXPIRED");
        assertThat(rejected(HoldRules.voidHold(hold, placed.source(), EXPIRES)).reason())
                .isEqualTo(LedgerRejection.HOLD_NOT_PENDING);
        assertThat(changed(HoldRules.post(hold, usd(1), null, transferOf(usd(1)), placed.source(), active(usd(0)),
                EXPIRES.minusMillis(1))).hold().postedAmount()).isEqualTo(usd(1));
    }

    @Test
    void anAccountWithPendingHoldsCannotBeClosedEvenAtAZeroBalance() {
        var held = changed(HoldRules.place(placement(usd(500)), overdraftAllowed(usd(0)), active(usd(0)), NOW)).source();

        var close = StatusChange.apply(held, StatusChange.Action.CLOSE, NOW);

        assertThat(close).isInstanceOf(StatusChange.Rejected.class);
        assertThat(((StatusChange.Rejected) close).reason()).isEqualTo(LedgerRejection.ACCOUNT_BALANCE_NOT_ZERO);
        var released = changed(HoldRules.voidHold(changed(HoldRules.place(placement(usd(500)), overdraftAllowed(usd(0)),
                active(usd(0)), NOW)).hold(), held, NOW)).source();
        assertThat(StatusChange.apply(released, StatusChange.Action.CLOSE, NOW)).isNotInstanceOf(StatusChange.Rejected.class);
    }

    // --- void and expire --------------------------------------------------------------------------------------

    @Test
    void voidingReleasesWhatRemainsAfterPartialCaptures() {
        var placed = placed(10_000, 5_000);
        var partial = changed(HoldRules.post(placed.hold(), usd(1_500), null, transferOf(usd(1)), placed.source(),
                active(usd(0)), NOW));

        var voided = changed(HoldRules.voidHold(partial.hold(), partial.source(), NOW));

        assertThat(voided.hold().status()).isEqualTo(Hold.Status.VOIDED);
        assertThat(voided.hold().postedAmount()).isEqualTo(usd(1_500));
        assertThat(voided.hold().remaining()).isEqualTo(usd(0));
        assertThat(voided.source().heldAmount()).isEqualTo(usd(0));
        assertThat(voided.source().balance()).isEqualTo(usd(8_500));
        assertThat(voided.source().version()).isEqualTo(partial.source().version() + 1);
        assertThat(voided.transfer()).isNull();
    }

    @Test
    void expiryReleasesAPendingHoldAtItsExpiryAndNotBefore() {
        var placed = placed(10_000, 5_000);

        var early = HoldRules.expire(placed.hold(), placed.source(), EXPIRES.minusMillis(1));
        var due = changed(HoldRules.expire(placed.hold(), placed.source(), EXPIRES));

        assertThat(rejected(early).reason()).isEqualTo(LedgerRejection.HOLD_NOT_PENDING);
        assertThat(due.hold().status()).isEqualTo(Hold.Status.EXPIRED);
        assertThat(due.source().heldAmount()).isEqualTo(usd(0));
        assertThat(due.source().availableBalance()).isEqualTo(usd(10_000));
    }

    @Test
    void anExpiredHoldIsNotExpiredAgain() {
        var placed = placed(10_000, 5_000);
        var due = changed(HoldRules.expire(placed.hold(), placed.source(), EXPIRES));

        assertThat(rejected(HoldRules.expire(due.hold(), due.source(), EXPIRES.plusSeconds(60))).reason())
                .isEqualTo(LedgerRejection.HOLD_NOT_PENDING);
    }
}
