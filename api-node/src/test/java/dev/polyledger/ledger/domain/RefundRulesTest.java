package dev.polyledger.ledger.domain;

import static dev.polyledger.ledger.domain.DomainFixtures.NOW;
import static dev.polyledger.ledger.domain.DomainFixtures.active;
import static dev.polyledger.ledger.domain.DomainFixtures.eur;
import static dev.polyledger.ledger.domain.DomainFixtures.frozen;
import static dev.polyledger.ledger.domain.DomainFixtures.transferOf;
import static dev.polyledger.ledger.domain.DomainFixtures.usd;
import static dev.polyledger.ledger.domain.DomainFixtures.world;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RefundRulesTest {

    /** A posted transfer of {@code amount} from a customer (who had 100.00) to a merchant; both accounts after it. */
    private record Sale(Transfer transfer, Account customer, Account merchant) {
    }

    private static Sale sale(long amount) {
        var posted = (Posting.Posted) Posting.post(transferOf(usd(amount)), active(usd(10_000)), active(usd(0)), NOW);
        return new Sale(posted.transfer(), posted.source(), posted.destination());
    }

    private static PostingRequest refundRequest() {
        return new PostingRequest(new TransferId(UUID.randomUUID()), UUID.randomUUID(), UUID.randomUUID(),
                TransferKind.REFUND, usd(1), "rma-7", Metadata.of(Map.of("reason", "damaged")), "req-r");
    }

    private static RefundRules.Refunded refunded(RefundRules.Result result) {
        assertThat(result).isInstanceOf(RefundRules.Refunded.class);
        return (RefundRules.Refunded) result;
    }

    private static RefundRules.Rejected rejected(RefundRules.Result result) {
        assertThat(result).isInstanceOf(RefundRules.Rejected.class);
        return (RefundRules.Rejected) result;
    }

    @Test
    void aPartialRefundMovesMoneyBackAndRaisesTheOriginalsRefundedAmount() {
        var sale = sale(5_000);

        var refund = refunded(RefundRules.refund(sale.transfer(), usd(2_000), refundRequest(), sale.merchant(),
                sale.customer(), NOW));

        assertThat(refund.refund().kind()).isEqualTo(TransferKind.REFUND);
        assertThat(refund.refund().refundOf()).isEqualTo(sale.transfer().id());
        assertThat(refund.refund().sourceAccountId()).isEqualTo(sale.merchant().id());
        assertThat(refund.refund().destinationAccountId()).isEqualTo(sale.customer().id());
        assertThat(refund.refund().amount()).isEqualTo(usd(2_000));
        assertThat(refund.refund().reference()).isEqualTo("rma-7");
        assertThat(refund.original().refundedAmount()).isEqualTo(usd(2_000));
        assertThat(refund.original().refunds()).containsExactly(refund.refund().id());
        assertThat(refund.payer().balance()).isEqualTo(usd(3_000));
        assertThat(refund.payee().balance()).isEqualTo(usd(7_000));
    }

    @Test
    void repeatedRefundsUpToTheAmountPassAndOneMinorUnitMoreIsRefused() {
        var sale = sale(5_000);
        var first = refunded(RefundRules.refund(sale.transfer(), usd(2_000), refundRequest(), sale.merchant(),
                sale.customer(), NOW));

        var tooMuch = RefundRules.refund(first.original(), usd(3_001), refundRequest(), first.payer(), first.payee(), NOW);
        var rest = refunded(RefundRules.refund(first.original(), usd(3_000), refundRequest(), first.payer(), first.payee(), NOW));
        var nothingLeft = RefundRules.refund(rest.original(), null, refundRequest(), rest.payer(), rest.payee(), NOW);

        assertThat(rejected(tooMuch).reason()).isEqualTo(LedgerRejection.REFUND_EXCEEDS_TRANSFER);
        assertThat(rest.original().refundedAmount()).isEqualTo(usd(5_000));
        assertThat(rest.original().refunds()).hasSize(2);
        assertThat(rejected(nothingLeft).reason()).isEqualTo(LedgerRejection.REFUND_EXCEEDS_TRANSFER);
    }

    @Test
    void aRefundWithoutAnAmountGivesBackAllThatIsLeft() {
        var sale = sale(5_000);

        var all = refunded(RefundRules.refund(sale.transfer(), null, refundRequest(), sale.merchant(), sale.customer(), NOW));

        assertThat(all.refund().amount()).isEqualTo(usd(5_000));
        assertThat(all.original().refundable()).isEqualTo(usd(0));
    }

    @Test
    void aRefundIsNotRefundable() {
        var sale = sale(5_000);
        var refund = refunded(RefundRules.refund(sale.transfer(), usd(1_000), refundRequest(), sale.merchant(),
                sale.customer(), NOW));

        assertThat(rejected(RefundRules.refund(refund.refund(), usd(1), refundRequest(), refund.payee(), refund.payer(), NOW))
                .reason()).isEqualTo(LedgerRejection.TRANSFER_NOT_REFUNDABLE);
    }

    @Test
    void creditsAndDebitsWithTheWorldAccountAreNotRefundable() {
        var customer = active(usd(10_000));
        var world = world(DomainFixtures.USD);
        var credit = new PostingRequest(new TransferId(UUID.randomUUID()), UUID.randomUUID(), UUID.randomUUID(),
                TransferKind.CREDIT, usd(500), null, Metadata.empty(), null);
        var debit = new PostingRequest(new TransferId(UUID.randomUUID()), UUID.randomUUID(), UUID.randomUUID(),
                TransferKind.DEBIT, usd(500), null, Metadata.empty(), null);
        var credited = (Posting.Posted) Posting.post(credit, world, customer, NOW);
        var debited = (Posting.Posted) Posting.post(debit, customer, world, NOW);

        var refuseCredit = rejected(RefundRules.refund(credited.transfer(), null, refundRequest(), credited.destination(),
                credited.source(), NOW));
        var refuseDebit = rejected(RefundRules.refund(debited.transfer(), null, refundRequest(), debited.destination(),
                debited.source(), NOW));

        assertThat(refuseCredit.reason()).isEqualTo(LedgerRejection.TRANSFER_NOT_REFUNDABLE);
        assertThat(refuseCredit.detail()).contains("debit");
        assertThat(refuseDebit.reason()).isEqualTo(LedgerRejection.TRANSFER_NOT_REFUNDABLE);
    }

    @Test
    void aRefundIsJudgedOnTheRefundingAccountsAvailableBalanceAndStatus() {
        var sale = sale(5_000);
        var spent = (Posting.Posted) Posting.post(transferOf(usd(4_500)), sale.merchant(), active(usd(0)), NOW);

        var poor = RefundRules.refund(sale.transfer(), usd(501), refundRequest(), spent.source(), sale.customer(), NOW);
        var exact = RefundRules.refund(sale.transfer(), usd(500), refundRequest(), spent.source(), sale.customer(), NOW);
        var frozenMerchant = RefundRules.refund(sale.transfer(), usd(1), refundRequest(), frozen(usd(5_000)),
                sale.customer(), NOW);

        assertThat(rejected(poor).reason()).isEqualTo(LedgerRejection.INSUFFICIENT_FUNDS);
        assertThat(refunded(exact).payer().balance()).isEqualTo(usd(0));
        assertThat(rejected(frozenMerchant).reason()).isEqualTo(LedgerRejection.ACCOUNT_NOT_ACTIVE);
    }

    @Test
    void aRefundInAnotherCurrencyIsRefused() {
        var sale = sale(5_000);

        assertThat(rejected(RefundRules.refund(sale.transfer(), eur(1), refundRequest(), sale.merchant(), sale.customer(),
                NOW)).reason()).isEqualTo(LedgerRejection.CURRENCY_MISMATCH);
    }
}
