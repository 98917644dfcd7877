package dev.polyledger.ledger.application;

import dev.polyledger.ledger.application.port.out.Holds;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.Hold;
import dev.polyledger.ledger.domain.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link Holds} in a map; updates guarded by version like the PostgreSQL adapter's. */
public final class InMemoryHolds implements Holds {
    private final Map<UUID, Hold> holds = new LinkedHashMap<>();

    @Override
    public Optional<Hold> find(TenantId tenant, UUID id) {
        return Optional.ofNullable(holds.get(id)).filter(h -> h.tenantId().equals(tenant));
    }

    @Override
    public Optional<Hold> lock(TenantId tenant, UUID id) {
        return find(tenant, id);
    }

    @Override
    public List<Hold> lockDue(Instant now, int limit) {
        return holds.values().stream()
                .filter(h -> h.status() == Hold.Status.PENDING && !h.expiresAt().isAfter(now))
                .sorted(Comparator.comparing(Hold::expiresAt))
                .limit(limit)
                .toList();
    }

    @Override
    public List<Hold> bySource(TenantId tenant, AccountId account, Hold.Status status, int limit, UUID after) {
        return holds.values().stream()
                .filter(h -> h.tenantId().equals(tenant) && h.sourceAccountId().equals(account))
                .filter(h -> status == null || h.status() == status)
                .limit(limit)
                .toList();
    }

    @Override
    public void insertAll(Collection<Hold> added) {
        added.forEach(h -> {
            if (holds.putIfAbsent(h.id(), h) != null) {
                throw new IllegalStateException("duplicate hold " + h.id());
            }
        });
    }

    @Override
    public void updateAll(Collection<Hold> changed) {
        changed.forEach(h -> {
            Hold before = holds.get(h.id());
            if (before == null || before.version() != h.version() - 1) {
                throw new IllegalStateException("hold changed concurrently although it was locked");
            }
            holds.put(h.id(), h);
        });
    }

    public Hold get(UUID id) {
        return holds.get(id);
    }
}
