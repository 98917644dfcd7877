package dev.polyledger.ledger.application;

import static dev.polyledger.ledger.application.TestRequests.context;
import static dev.polyledger.ledger.domain.DomainFixtures.USD;
import static dev.polyledger.ledger.domain.DomainFixtures.VERSION;
import static dev.polyledger.ledger.domain.DomainFixtures.active;
import static dev.polyledger.ledger.domain.DomainFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.events.EventType;
import dev.polyledger.ledger.application.port.in.HoldUseCase;
import dev.polyledger.ledger.application.port.in.Outcome;
import dev.polyledger.ledger.application.port.out.Outbox.OutboxEvent;
import dev.polyledger.ledger.application.service.HoldService;
import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.Hold;
import dev.polyledger.ledger.domain.LedgerRejection;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.ledger.domain.ValidationException;
import dev.polyledger.platform.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HoldServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:30:00Z");

    private final MutableClock clock = MutableClock.at(NOW);
    private final DirectUnitOfWork unitOfWork = new DirectUnitOfWork();
    private final InMemoryLedger ledger = new InMemoryLedger().writesOnlyWithin(unitOfWork);
    private final InMemoryHolds holds = new InMemoryHolds();
    private final HoldService service = new HoldService(ledger, holds, ledger, unitOfWork, new SequentialIds(),
            FixedCurrencies.of(USD), clock);

    private final Account card = ledger.seed(active(usd(10_000)));
    private final Account shop = ledger.seed(active(usd(0)));

    private Hold place(String amount, Instant expiresAt) {
        var outcome = service.place(new HoldUseCase.PlaceHold(card.id(), shop.id(), new BigDecimal(amount), "USD", "auth-1",
                Metadata.empty(), expiresAt, context("req-h")));
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        return ((Outcome.Done<Hold>) outcome).value();
    }

    @Test
    void placingStoresTheHoldReservesItsAmountAndEmitsHoldCreatedInOneTransaction() {
        Hold hold = place("25.00", null);

        assertThat(holds.get(hold.id())).isEqualTo(hold);
        assertThat(hold.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(ledger.account(card.id()).heldAmount()).isEqualTo(usd(2_500));
        assertThat(ledger.account(card.id()).balance()).isEqualTo(usd(10_000));
        assertThat(ledger.account(card.id()).version()).isEqualTo(VERSION + 1);
        assertThat(ledger.events()).extracting(OutboxEvent::type, OutboxEvent::aggregateId, OutboxEvent::sequence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(EventType.HOLD_CREATED, hold.id(), 1L));
        assertThat(unitOfWork.transactions()).isEqualTo(1);
        assertThat(ledger.transfers()).isEmpty();
    }

    @Test
    void anExpiryBeyondThirtyDaysOrNotInTheFutureIsAValidationError() {
        for (Instant bad : new Instant[] {NOW, NOW.plus(Duration.ofDays(30)).plusSeconds(1)}) {
            assertThatThrownBy(() -> place("1.00", bad)).isInstanceOf(ValidationException.class)
                    .extracting("field").isEqualTo("expiresAt");
        }
        assertThat(place("1.00", NOW.plus(Duration.ofDays(30))).status()).isEqualTo(Hold.Status.PENDING);
    }

    @Test
    void aCaptureWritesAHoldPostTransferAndTwoEventsAndLowersTheHeldAmount() {
        Hold hold = place("25.00", null);

        var outcome = service.post(new HoldUseCase.PostHold(hold.id(), new BigDecimal("10.00"), null, null, null, context("req-h")));

        var capture = ((Outcome.Done<HoldUseCase.Capture>) outcome).value();
        assertThat(capture.transfer().holdId()).isEqualTo(hold.id());
        assertThat(ledger.transfers()).containsExactly(capture.transfer());
        assertThat(ledger.account(card.id()).heldAmount()).isEqualTo(usd(1_500));
        assertThat(ledger.account(card.id()).balance()).isEqualTo(usd(9_000));
        assertThat(ledger.account(shop.id()).balance()).isEqualTo(usd(1_000));
        assertThat(ledger.events()).extracting(OutboxEvent::type)
                .containsExactly(EventType.HOLD_CREATED, EventType.TRANSFER_POSTED, EventType.HOLD_POSTED);
        assertThat(ledger.events().get(2).sequence()).isEqualTo(2);
    }

    @Test
    void aPostOfAHoldPastItsExpiryExpiresItThereAndIsRefused() {
        Hold hold = place("25.00", NOW.plusSeconds(60));
        clock.set(NOW.plusSeconds(60));

        var outcome = service.post(new HoldUseCase.PostHold(hold.id(), null, null, null, null, context("req-h")));

        assertThat(outcome).isEqualTo(new Outcome.Refused<>(LedgerRejection.HOLD_NOT_PENDING, "hold " + hold.id() + " is EXPIRED"));
        assertThat(holds.get(hold.id()).status()).isEqualTo(Hold.Status.EXPIRED);
        assertThat(ledger.account(card.id()).heldAmount()).isEqualTo(usd(0));
        assertThat(ledger.events()).extracting(OutboxEvent::type).containsExactly(EventType.HOLD_CREATED, EventType.HOLD_EXPIRED);
        assertThat(ledger.transfers()).isEmpty();
    }

    @Test
    void theSweeperExpiresEveryDueHoldOnceAndLeavesTheOthers() {
        Hold first = place("10.00", NOW.plusSeconds(10));
        Hold second = place("20.00", NOW.plusSeconds(20));
        Hold later = place("30.00", NOW.plusSeconds(3600));
        clock.set(NOW.plusSeconds(20));

        assertThat(service.expireDue(500)).isEqualTo(2);
        assertThat(service.expireDue(500)).isZero();

        assertThat(holds.get(first.id()).status()).isEqualTo(Hold.Status.EXPIRED);
        assertThat(holds.get(second.id()).status()).isEqualTo(Hold.Status.EXPIRED);
        assertThat(holds.get(later.id()).status()).isEqualTo(Hold.Status.PENDING);
        assertThat(ledger.account(card.id()).heldAmount()).isEqualTo(usd(3_000));
        assertThat(ledger.events()).filteredOn(e -> e.type() == EventType.HOLD_EXPIRED)
                .extracting(OutboxEvent::aggregateId).containsExactly(first.id(), second.id());
    }

    @Test
    void anUnknownHoldIsNotFound() {
        UUID unknown = UUID.randomUUID();

        assertThat(service.voidHold(unknown, context("req-h")))
                .isEqualTo(new Outcome.Refused<>(LedgerRejection.HOLD_NOT_FOUND, "hold " + unknown + " does not exist"));
        assertThat(service.post(new HoldUseCase.PostHold(unknown, null, null, null, null, context("req-h"))))
                .isInstanceOf(Outcome.Refused.class);
    }
}
