package dev.polyledger.ledger.application;

import static dev.polyledger.ledger.application.TestRequests.context;
import static dev.polyledger.ledger.domain.DomainFixtures.newAccountId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.ledger.application.port.in.PostTransferCommand;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.ledger.domain.TransferKind;
import dev.polyledger.ledger.domain.ValidationException;
import java.math.BigDecimal;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostTransferCommandTest {

    @ParameterizedTest(name = "rejects amount \"{0}\"")
    @ValueSource(strings = {"-1", "1e3", "1E3", "+5", ".5", "10.", "abc", "", " 1", "1 ", "0", "0.00", "1,5",
            "0x10", "NaN", "Infinity", "１０"})
    void rejectsAnAmountThatIsNotAPositivePlainDecimal(String text) {
        assertInvalid(() -> PostTransferCommand.parseAmount(text), "amount");
    }

    @Test
    void rejectsAMissingAmount() {
        assertInvalid(() -> PostTransferCommand.parseAmount(null), "amount");
    }

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource({
            "10,    10",
            "10.5,  10.5",
            "10.50, 10.50",
            "007,   7",
            "0.01,  0.01"})
    void acceptsPlainPositiveDecimals(String text, String expected) {
        BigDecimal amount = PostTransferCommand.parseAmount(text);

        assertThat(amount).isEqualByComparingTo(expected);
        assertThat(amount.toPlainString()).isEqualTo(new BigDecimal(expected).toPlainString());
    }

    @Test
    void keepsTheScaleAsWrittenSoTheCurrencyCanRefuseExtraDecimals() {
        assertThat(PostTransferCommand.parseAmount("10.500").scale()).isEqualTo(3);
        assertThat(PostTransferCommand.parseAmount("10").scale()).isZero();
    }

    @Test
    void buildsATransferBetweenTwoAccounts() {
        AccountId source = newAccountId();
        AccountId destination = newAccountId();

        PostTransferCommand command = PostTransferCommand.transfer(source, destination, "25.00", "USD", "order-991",
                null, context("req-1"));

        assertThat(command.kind()).isEqualTo(TransferKind.TRANSFER);
        assertThat(command.accountId()).isEqualTo(source);
        assertThat(command.counterparty()).isEqualTo(destination);
        assertThat(command.amount()).isEqualByComparingTo("25");
        assertThat(command.currencyCode()).isEqualTo("USD");
        assertThat(command.metadata()).isEqualTo(Metadata.empty());
    }

    @Test
    void buildsCreditsAndDebitsWithoutCounterpartyOrCurrency() {
        AccountId account = newAccountId();

        PostTransferCommand credit = PostTransferCommand.credit(account, "1", null, null, context("req-1"));
        PostTransferCommand debit = PostTransferCommand.debit(account, "1", null, null, context("req-1"));

        assertThat(credit.kind()).isEqualTo(TransferKind.CREDIT);
        assertThat(debit.kind()).isEqualTo(TransferKind.DEBIT);
        assertThat(credit.counterparty()).isNull();
        assertThat(credit.currencyCode()).isNull();
        assertThat(debit.accountId()).isEqualTo(account);
    }

    @Test
    void requiresBothAccountsAndTheCurrencyOfATransfer() {
        assertInvalid(() -> PostTransferCommand.transfer(null, newAccountId(), "1", "USD", null, null, context("r")),
                "sourceAccountId");
        assertInvalid(() -> PostTransferCommand.transfer(newAccountId(), null, "1", "USD", null, null, context("r")),
                "destinationAccountId");
        assertInvalid(() -> PostTransferCommand.transfer(newAccountId(), newAccountId(), "1", " ", null, null, context("r")),
                "currency");
        assertInvalid(() -> PostTransferCommand.credit(null, "1", null, null, context("r")), "accountId");
    }

    @Test
    void limitsTheReferenceTo255Characters() {
        AccountId account = newAccountId();

        assertThat(PostTransferCommand.credit(account, "1", "r".repeat(255), null, context("r")).reference()).hasSize(255);
        assertInvalid(() -> PostTransferCommand.credit(account, "1", "r".repeat(256), null, context("r")), "reference");
    }

    @Test
    void rejectsANonPositiveAmountGivenDirectly() {
        assertInvalid(() -> new PostTransferCommand(TransferKind.CREDIT, newAccountId(), null, BigDecimal.ZERO, null,
                null, null, context("r")), "amount");
        assertInvalid(() -> new PostTransferCommand(TransferKind.CREDIT, newAccountId(), null, new BigDecimal("-1"),
                null, null, null, context("r")), "amount");
    }

    private static void assertInvalid(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
