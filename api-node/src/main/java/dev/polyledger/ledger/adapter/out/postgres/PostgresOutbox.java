package dev.polyledger.ledger.adapter.out.postgres;

import dev.polyledger.ledger.application.port.out.Outbox;
import dev.polyledger.ledger.config.LedgerProperties;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * {@link Outbox} rows in the {@code outbox} table, written in the caller's transaction; in a shared transaction at
 * its end ({@link PendingWrites}).
 */
@Singleton
class PostgresOutbox implements Outbox {
    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final String nodeId;
    private final PendingWrites pending;
    private final PendingWrites.Writer<OutboxEvent> insertAll = this::insert;

    PostgresOutbox(JdbcOperations jdbc, JsonMapper json, LedgerProperties properties, PendingWrites pending) {
        this.jdbc = jdbc;
        this.json = json;
        this.nodeId = properties.nodeId();
        this.pending = pending;
    }

    @Override
    public void append(OutboxEvent event) {
        if (!pending.hold(insertAll, event)) {
            insertAll.write(List.of(event));
        }
    }

    /** One JDBC batch. */
    private void insert(List<OutboxEvent> events) {
        jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement("INSERT INTO outbox (event_id, event_type, aggregate_type, aggregate_id, "
                    + "sequence, request_id, node_id, occurred_at, payload, tenant_id, actor) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)")) {
                for (OutboxEvent event : events) {
                    ps.setObject(1, event.eventId());
                    ps.setString(2, event.type().routingKey());
                    ps.setString(3, event.type().aggregateType().name());
                    ps.setObject(4, event.aggregateId());
                    ps.setLong(5, event.sequence());
                    ps.setString(6, event.requestId());
                    ps.setString(7, nodeId);
                    Jdbc.setInstant(ps, 8, event.occurredAt());
                    ps.setString(9, Jdbc.json(json, event.data()));
                    ps.setString(10, event.tenant().value());
                    ps.setString(11, event.actor());
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
    }
}
