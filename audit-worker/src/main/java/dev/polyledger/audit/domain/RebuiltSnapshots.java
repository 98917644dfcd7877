package dev.polyledger.audit.domain;

import dev.polyledger.events.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code transfer.posted} snapshot of a ledger transfer whose event never reached the audit trail (CQRS read
 * model rebuild). Same shape as one built from the event ({@link AuditSnapshot#of}): {@code data} is the transfer as
 * the api-node renders it in its event at posting time (amounts as decimal strings at the currency's scale,
 * {@code refundedAmount} zero and no {@code refunds} yet, each entry with {@code balanceAfter} and, when the ledger has
 * it, {@code hash}), and {@code source} is {@value #SOURCE} instead of an api-node.
 *
 * <p>The event id is the original event's while the ledger's outbox still keeps it, so that the original, should it
 * arrive after all, is deduplicated on {@code eventId} like any redelivery; otherwise a name-based UUID (version 3)
 * of the tenant and transfer, so that two rebuilds of one transfer write one snapshot.
 */
public final class RebuiltSnapshots {
    /** The {@code source} of a rebuilt snapshot. */
    public static final String SOURCE = "rebuild";

    private RebuiltSnapshots() {
    }

    /** The rebuilt snapshot of {@code transfer}, received (rebuilt) at {@code rebuiltAt}. */
    public static AuditSnapshot of(LedgerTransfer transfer, Instant rebuiltAt) {
        String currency = transfer.currency();
        List<Map<String, Object>> legs = new ArrayList<>();
        // DEBIT before CREDIT, as the api-node lists them.
        for (LedgerTransfer.Entry entry : transfer.entries().stream()
                .sorted(Comparator.comparing(LedgerTransfer.Entry::direction).reversed()).toList()) {
            Map<String, Object> leg = new LinkedHashMap<>();
            leg.put("accountId", entry.accountId().toString());
            leg.put("direction", entry.direction());
            leg.put("amount", CurrencyScale.render(entry.amount(), currency));
            leg.put("balanceAfter", CurrencyScale.render(entry.balanceAfter(), currency));
            if (entry.hash() != null) {
                leg.put("hash", entry.hash());
            }
            legs.add(leg);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", transfer.id().toString());
        data.put("kind", transfer.kind());
        data.put("status", "POSTED");
        data.put("sourceAccountId", transfer.sourceAccountId().toString());
        data.put("destinationAccountId", transfer.destinationAccountId().toString());
        data.put("amount", CurrencyScale.render(transfer.amount(), currency));
        data.put("currency", currency);
        data.put("reference", transfer.reference());
        data.put("createdAt", DateTimeFormatter.ISO_INSTANT.format(transfer.createdAt()));
        data.put("metadata", new LinkedHashMap<>(transfer.metadata()));
        data.put("entries", legs);
        data.put("batchId", text(transfer.batchId()));
        data.put("holdId", text(transfer.holdId()));
        data.put("refundOf", text(transfer.refundOf()));
        data.put("refundedAmount", CurrencyScale.render(0, currency));
        data.put("refunds", List.of());
        var accounts = new ArrayList<UUID>(List.of(transfer.sourceAccountId()));
        if (!transfer.destinationAccountId().equals(transfer.sourceAccountId())) {
            accounts.add(transfer.destinationAccountId());
        }
        return new AuditSnapshot(eventId(transfer), EventType.TRANSFER_POSTED, transfer.id(), 1, transfer.createdAt(),
                transfer.requestId(), SOURCE, transfer.tenantId(), transfer.actor(), rebuiltAt, data, accounts,
                transfer.id());
    }

    /** The original event's id while the outbox keeps it, else a name-based UUID of tenant and transfer. */
    static UUID eventId(LedgerTransfer transfer) {
        if (transfer.publishedEventId() != null) {
            return transfer.publishedEventId();
        }
        return UUID.nameUUIDFromBytes(("polyledger:rebuild:transfer.posted:" + transfer.tenantId() + ":" + transfer.id())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
