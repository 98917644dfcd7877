package dev.polyledger.audit.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares a {@code transfer.posted} audit snapshot with the transfer as the ledger holds it (api-contract.md,
 * "Integrity: the hash chain (v2)": a snapshot is <em>mismatched</em> when these differ). Compared: the amount and
 * currency, both accounts, and the entries matched by direction (account, amount, balance after, and the entry's
 * {@code hash} when both sides have one: snapshots recorded before the hash chain existed carry none). Amounts are
 * compared as numbers at the currency's scale ({@link CurrencyScale}), so {@code "25.00"} is 2500 minor units of USD.
 * Everything else in the snapshot (reference, metadata, request id...) is not compared.
 */
public final class TransferComparison {
    private TransferComparison() {
    }

    /**
     * What differs between the snapshot's {@code data} and the ledger's transfer, in words; empty when they agree.
     *
     * @param ledger   the transfer in the ledger
     * @param snapshot the data of its {@code transfer.posted} snapshot (the event's transfer object)
     */
    public static List<String> differences(LedgerTransfer ledger, Map<String, Object> snapshot) {
        List<String> differences = new ArrayList<>();
        String currency = ledger.currency();
        if (!currency.equals(snapshot.get("currency"))) {
            differences.add("currency " + snapshot.get("currency") + " != " + currency);
        }
        if (!CurrencyScale.sameAmount(snapshot.get("amount"), ledger.amount(), currency)) {
            differences.add("amount " + snapshot.get("amount") + " != " + CurrencyScale.render(ledger.amount(), currency));
        }
        same(differences, "sourceAccountId", snapshot.get("sourceAccountId"), ledger.sourceAccountId());
        same(differences, "destinationAccountId", snapshot.get("destinationAccountId"), ledger.destinationAccountId());
        List<Map<?, ?>> legs = legs(snapshot.get("entries"));
        if (legs.size() != ledger.entries().size()) {
            differences.add(legs.size() + " entries != " + ledger.entries().size());
            return differences;
        }
        for (LedgerTransfer.Entry entry : ledger.entries()) {
            Map<?, ?> leg = legs.stream().filter(l -> entry.direction().equals(l.get("direction"))).findFirst().orElse(null);
            String side = "entry " + entry.direction();
            if (leg == null) {
                differences.add(side + " missing");
                continue;
            }
            same(differences, side + " accountId", leg.get("accountId"), entry.accountId());
            if (!CurrencyScale.sameAmount(leg.get("amount"), entry.amount(), currency)) {
                differences.add(side + " amount " + leg.get("amount") + " != " + CurrencyScale.render(entry.amount(), currency));
            }
            if (!CurrencyScale.sameAmount(leg.get("balanceAfter"), entry.balanceAfter(), currency)) {
                differences.add(side + " balanceAfter " + leg.get("balanceAfter") + " != "
                        + CurrencyScale.render(entry.balanceAfter(), currency));
            }
            Object hash = leg.get("hash");
            if (hash != null && entry.hash() != null && !entry.hash().equals(hash)) {
                differences.add(side + " hash " + hash + " != " + entry.hash());
            }
        }
        return differences;
    }

    private static void same(List<String> differences, String field, Object snapshot, Object ledger) {
        if (!Objects.equals(snapshot, String.valueOf(ledger))) {
            differences.add(field + " " + snapshot + " != " + ledger);
        }
    }

    private static List<Map<?, ?>> legs(Object entries) {
        if (!(entries instanceof List<?> list)) {
            return List.of();
        }
        List<Map<?, ?>> legs = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> map) {
                legs.add(map);
            }
        }
        return legs;
    }
}
