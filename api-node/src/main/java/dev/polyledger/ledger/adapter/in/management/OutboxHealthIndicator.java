package dev.polyledger.ledger.adapter.in.management;

import dev.polyledger.ledger.application.service.OutboxRelay;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code outbox} in {@code /health}: the backlog of unpublished events and the age of the oldest. {@code UP}
 * while the broker takes events; {@code DEGRADED} (still operational, HTTP 200) while it does not: the API keeps
 * committing and the events wait in PostgreSQL. A node whose relay is switched off reports its backlog as UP.
 */
@Singleton
class OutboxHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    static final HealthStatus DEGRADED = new HealthStatus("DEGRADED",
            "events wait in the outbox until the broker is back", true, null);
    private final OutboxRelay relay;

    OutboxHealthIndicator(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        var status = relay.status();
        healthStatus = status.lastError() == null ? HealthStatus.UP : DEGRADED;
        var details = new LinkedHashMap<String, Object>();
        details.put("backlog", status.backlog());
        details.put("oldestAgeSeconds", status.oldestAge().toMillis() / 1000.0);
        details.put("publishedByThisNode", status.published());
        if (status.lastError() != null) {
            // Not the exception's text (class names, the broker's address): /health is public through the entry point.
            details.put("lastError", "the last attempt to publish to the broker failed; the relay retries with back-off");
        }
        return details;
    }

    @Override
    protected String getName() {
        return "outbox";
    }
}
