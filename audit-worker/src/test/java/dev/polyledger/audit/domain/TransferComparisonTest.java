package dev.polyledger.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The comparison of a snapshot with the ledger's transfer, and the rebuilt snapshot's shape. */
class TransferComparisonTest {
    private static final UUID ALICE = UUID.randomUUID(), BOB = UUID.randomUUID();

    private static LedgerTransfer transfer(String currency, long amount, String debitHash) {
        return new LedgerTransfer(UUID.randomUUID(), "default", "TRANSFER", ALICE, BOB, amount, currency, "ref",
                Map.of(), Instant.parse("2026-11-30T12:00:00.123456Z"), "req", null, null, null,
                List.of(new LedgerTransfer.Entry(ALICE, "DEBIT", amount, 7550, debitHash),
                        new LedgerTransfer.Entry(BOB, "CREDIT", amount, amount, null)),
                null, null);
    }

    /** The event payload as the api-node writes it (Events.transferPosted's shape). */
    private static Map<String, Object> event(LedgerTransfer t, String amount, String debitBalanceAfter, String debitHash) {
        Map<String, Object> debit = new HashMap<>(Map.of("accountId", ALICE.toString(), "direction", "DEBIT",
                "amount", amount, "balanceAfter", debitBalanceAfter));
        if (debitHash != null) {
            debit.put("hash", debitHash);
        }
        Map<String, Object> credit = Map.of("accountId", BOB.toString(), "direction", "CREDIT", "amount", amount,
                "balanceAfter", amount);
        return new HashMap<>(Map.of("id", t.id().toString(), "amount", amount, "currency", t.currency(),
                "sourceAccountId", ALICE.toString(), "destinationAccountId", BOB.toString(),
                "entries", new ArrayList<>(List.of(credit, debit))));
    }

    @Test
    void theEventOfTheTransferMatchesEntriesInAnyOrder() {
        var t = transfer("USD", 2500, null);
        assertThat(TransferComparison.differences(t, event(t, "25.00", "75.50", null))).isEmpty();
    }

    @Test
    void amountsCompareAsNumbersAtTheCurrencysScale() {
        var yen = transfer("JPY", 2500, null);
        assertThat(TransferComparison.differences(yen, event(yen, "2500", "7550", null))).isEmpty();
        assertThat(TransferComparison.differences(yen, event(yen, "25.00", "7550", null))).isNotEmpty();
    }

    @Test
    void aDifferentAmountAccountBalanceOrCurrencyIsAMismatch() {
        var t = transfer("USD", 2500, null);
        assertThat(TransferComparison.differences(t, event(t, "25.01", "75.50", null))).isNotEmpty();
        assertThat(TransferComparison.differences(t, event(t, "25.00", "75.51", null)))
                .containsExactly("entry DEBIT balanceAfter 75.51 != 75.50");
        var otherCurrency = event(t, "25.00", "75.50", null);
        otherCurrency.put("currency", "EUR");
        assertThat(TransferComparison.differences(t, otherCurrency)).containsExactly("currency EUR != USD");
        var otherAccount = event(t, "25.00", "75.50", null);
        otherAccount.put("destinationAccountId", UUID.randomUUID().toString());
        assertThat(TransferComparison.differences(t, otherAccount)).hasSize(1);
        var oneEntry = event(t, "25.00", "75.50", null);
        oneEntry.put("entries", List.of(((List<?>) oneEntry.get("entries")).get(0)));
        assertThat(TransferComparison.differences(t, oneEntry)).containsExactly("1 entries != 2");
    }

    @Test
    void hashesAreComparedOnlyWhenBothSidesHaveOne() {
        var hashed = transfer("USD", 2500, "ab".repeat(32));
        assertThat(TransferComparison.differences(hashed, event(hashed, "25.00", "75.50", null))).isEmpty();
        assertThat(TransferComparison.differences(hashed, event(hashed, "25.00", "75.50", "ab".repeat(32)))).isEmpty();
        assertThat(TransferComparison.differences(hashed, event(hashed, "25.00", "75.50", "cd".repeat(32))))
                .hasSize(1).first().asString().startsWith("entry DEBIT hash");
        var unhashed = transfer("USD", 2500, null);
        assertThat(TransferComparison.differences(unhashed, event(unhashed, "25.00", "75.50", "cd".repeat(32)))).isEmpty();
    }

    @Test
    void aRebuiltSnapshotHasTheEventsShapeAndMatchesItsTransfer() {
        var t = transfer("USD", 2500, "ab".repeat(32));
        AuditSnapshot s = RebuiltSnapshots.of(t, Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(s.source()).isEqualTo("rebuild");
        assertThat(s.type().routingKey()).isEqualTo("transfer.posted");
        assertThat(s.transferId()).isEqualTo(t.id());
        assertThat(s.occurredAt()).isEqualTo(t.createdAt());
        assertThat(s.accountIds()).containsExactly(ALICE, BOB);
        assertThat(s.data()).containsEntry("amount", "25.00").containsEntry("createdAt", "2026-11-30T12:00:00.123456Z")
                .containsEntry("refundedAmount", "0.00").containsEntry("status", "POSTED");
        assertThat((List<?>) s.data().get("entries")).first().asString().contains("DEBIT", "75.50", "ab".repeat(32));
        assertThat(TransferComparison.differences(t, s.data())).isEmpty();
        assertThat(RebuiltSnapshots.of(t, Instant.now()).eventId()).as("one id per transfer").isEqualTo(s.eventId());
    }

    @Test
    void aRebuiltSnapshotTakesTheOriginalEventIdWhileTheOutboxKeepsIt() {
        var t = transfer("USD", 2500, null);
        UUID published = UUID.randomUUID();
        var kept = new LedgerTransfer(t.id(), t.tenantId(), t.kind(), t.sourceAccountId(), t.destinationAccountId(),
                t.amount(), t.currency(), t.reference(), t.metadata(), t.createdAt(), t.requestId(), null, null, null,
                t.entries(), published, "key_abc");
        assertThat(RebuiltSnapshots.of(kept, Instant.now()).eventId()).isEqualTo(published);
        assertThat(RebuiltSnapshots.of(kept, Instant.now()).actor()).isEqualTo("key_abc");
    }
}
