package dev.polyledger.audit.application;

import dev.polyledger.audit.application.port.out.LedgerReadModel;
import dev.polyledger.audit.domain.LedgerTransfer;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** {@link LedgerReadModel} over a list of transfers; tenants are those with a transfer, and "extra" ones added. */
class InMemoryLedger implements LedgerReadModel {
    final List<LedgerTransfer> transfers = new CopyOnWriteArrayList<>();
    int windowReads;

    /** A USD transfer of {@code cents} from a fresh account to another, committed at {@code at}. */
    LedgerTransfer post(String tenantId, long cents, Instant at) {
        UUID source = UUID.randomUUID(), destination = UUID.randomUUID();
        var transfer = new LedgerTransfer(UUID.randomUUID(), tenantId, "TRANSFER", source, destination, cents, "USD",
                "order-1", Map.of("k", "v"), at, "req-1", null, null, null,
                List.of(new LedgerTransfer.Entry(source, "DEBIT", cents, 10_000 - cents, null),
                        new LedgerTransfer.Entry(destination, "CREDIT", cents, cents, null)),
                null, null);
        transfers.add(transfer);
        return transfer;
    }

    @Override
    public List<String> tenants() {
        return transfers.stream().map(LedgerTransfer::tenantId).distinct().sorted().toList();
    }

    @Override
    public List<LedgerTransfer> transfers(String tenantId, Instant from, Instant to) {
        windowReads++;
        return transfers.stream().filter(t -> t.tenantId().equals(tenantId))
                .filter(t -> !t.createdAt().isBefore(from) && t.createdAt().isBefore(to))
                .sorted(Comparator.comparing(LedgerTransfer::createdAt)).toList();
    }

    @Override
    public List<LedgerTransfer> transfers(String tenantId, Collection<UUID> ids) {
        return transfers.stream().filter(t -> t.tenantId().equals(tenantId) && ids.contains(t.id())).toList();
    }

    @Override
    public Map<String, Long> conservationImbalance() {
        return transfers.stream().flatMap(t -> t.entries().stream().map(e -> Map.entry(t.currency(),
                        "CREDIT".equals(e.direction()) ? e.amount() : -e.amount())))
                .collect(Collectors.groupingBy(Map.Entry::getKey, TreeMap::new, Collectors.summingLong(Map.Entry::getValue)));
    }
}
