package dev.polyledger.ledger.domain;

import static dev.polyledger.ledger.domain.DomainFixtures.NOW;
import static dev.polyledger.ledger.domain.DomainFixtures.OPENED_AT;
import static dev.polyledger.ledger.domain.DomainFixtures.USD;
import static dev.polyledger.ledger.domain.DomainFixtures.VERSION;
import static dev.polyledger.ledger.domain.DomainFixtures.active;
import static dev.polyledger.ledger.domain.DomainFixtures.closed;
import static dev.polyledger.ledger.domain.DomainFixtures.frozen;
import static dev.polyledger.ledger.domain.DomainFixtures.overdraftAllowed;
import static dev.polyledger.ledger.domain.DomainFixtures.usd;
import static dev.polyledger.ledger.domain.DomainFixtures.world;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.ledger.domain.StatusChange.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class StatusChangeTest {

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource({
            "ACTIVE, FREEZE,   FROZEN",
            "ACTIVE, CLOSE,    CLOSED",
            "FROZEN, UNFREEZE, ACTIVE",
            "FROZEN, CLOSE,    CLOSED"})
    void movesAnAccountToTheAskedStatus(AccountStatus from, Action action, AccountStatus to) {
        Account account = DomainFixtures.account(DomainFixtures.newAccountId(), from, usd(0), false);

        StatusChange.Result result = StatusChange.apply(account, action, NOW);

        assertThat(result).isInstanceOfSatisfying(StatusChange.Changed.class, changed -> {
            assertThat(changed.action()).isEqualTo(action);
            assertThat(changed.account().status()).isEqualTo(to);
            assertThat(changed.account().version()).isEqualTo(VERSION + 1);
            assertThat(changed.account().updatedAt()).isEqualTo(NOW);
            assertThat(changed.account().createdAt()).isEqualTo(OPENED_AT);
            assertThat(changed.account().id()).isEqualTo(account.id());
            assertThat(changed.account().balance()).isEqualTo(account.balance());
        });
    }

    @ParameterizedTest(name = "{0} + {1} changes nothing")
    @CsvSource({
            "ACTIVE, UNFREEZE",
            "FROZEN, FREEZE",
            "CLOSED, CLOSE"})
    void answersWithTheAccountAsItIsWhenItIsAlreadyInTheAskedStatus(AccountStatus status, Action action) {
        Account account = DomainFixtures.account(DomainFixtures.newAccountId(), status, usd(0), false);

        StatusChange.Result result = StatusChange.apply(account, action, NOW);

        assertThat(result).isInstanceOfSatisfying(StatusChange.Unchanged.class, unchanged -> {
            assertThat(unchanged.account()).isEqualTo(account);
            assertThat(unchanged.account().version()).isEqualTo(VERSION);
            assertThat(unchanged.account().updatedAt()).isEqualTo(OPENED_AT);
        });
    }

    @ParameterizedTest
    @EnumSource(value = Action.class, names = {"FREEZE", "UNFREEZE"})
    void rejectsChangesToAClosedAccount(Action action) {
        assertRejected(StatusChange.apply(closed(usd(0)), action, NOW), LedgerRejection.ACCOUNT_NOT_ACTIVE);
    }

    @Test
    void rejectsClosingAnAccountThatHoldsMoney() {
        assertRejected(StatusChange.apply(active(usd(1)), Action.CLOSE, NOW), LedgerRejection.ACCOUNT_BALANCE_NOT_ZERO);
    }

    @Test
    void rejectsClosingAFrozenAccountThatHoldsMoney() {
        assertRejected(StatusChange.apply(frozen(usd(2_500)), Action.CLOSE, NOW),
                LedgerRejection.ACCOUNT_BALANCE_NOT_ZERO);
    }

    @Test
    void rejectsClosingAnAccountInDebt() {
        assertRejected(StatusChange.apply(overdraftAllowed(usd(-1)), Action.CLOSE, NOW),
                LedgerRejection.ACCOUNT_BALANCE_NOT_ZERO);
    }

    @Test
    void freezesAnAccountThatHoldsMoney() {
        assertThat(StatusChange.apply(active(usd(2_500)), Action.FREEZE, NOW))
                .isInstanceOf(StatusChange.Changed.class);
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void rejectsAnyStatusChangeOfAWorldAccount(Action action) {
        assertRejected(StatusChange.apply(world(USD), action, NOW), LedgerRejection.WORLD_ACCOUNT_IMMUTABLE);
    }

    private static void assertRejected(StatusChange.Result result, LedgerRejection reason) {
        assertThat(result).isInstanceOfSatisfying(StatusChange.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(reason);
            assertThat(rejected.detail()).isNotBlank();
        });
    }
}
