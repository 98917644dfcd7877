package dev.polyledger.ledger.adapter.out.postgres;

import dev.polyledger.ledger.application.port.out.Outbox;
import dev.polyledger.ledger.config.LedgerProperties;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * {@link Outbox} rows in the {@code outbox} table, written in the caller's transaction.
 */
@Singleton
class PostgresOutbox implements Outbox {
    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final String nodeId;

    PostgresOutbox(JdbcOperations jdbc, JsonMapper json, LedgerProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.nodeId = properties.nodeId();
    }

    @Override
    public void append(OutboxEvent event) {
        jdbc.execute(conn -> {
            insertAll(conn, List.of(event));
            return null;
        });
    }

    /** One JDBC batch. */
    void insertAll(Connection conn, List<OutboxEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        {
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
                ps.executeBatch();
            }
        }
    }
}
