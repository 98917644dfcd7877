package dev.polyledger.ledger.adapter.out.postgres;

import dev.polyledger.ledger.application.port.out.Outbox;
import dev.polyledger.ledger.application.port.out.OutboxCommitted;
import dev.polyledger.ledger.config.LedgerProperties;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * {@link Outbox} rows in the {@code outbox} table, written in the caller's transaction; once that transaction
 * commits, {@link OutboxCommitted} is announced on this node (the relay's wake-up). No {@code NOTIFY} from the
 * transaction: PostgreSQL serializes the commits of notifying transactions (see V12).
 */
@Singleton
class PostgresOutbox implements Outbox {
    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final String nodeId;
    private final TransactionOperations<Connection> transactions;
    private final ApplicationEventPublisher<OutboxCommitted> committed;

    PostgresOutbox(JdbcOperations jdbc, JsonMapper json, LedgerProperties properties,
                   TransactionOperations<Connection> transactions, ApplicationEventPublisher<OutboxCommitted> committed) {
        this.jdbc = jdbc;
        this.json = json;
        this.nodeId = properties.nodeId();
        this.transactions = transactions;
        this.committed = committed;
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
        announceAfterCommit();
    }

    private void announceAfterCommit() {
        var status = transactions.findTransactionStatus();
        if (status.isEmpty()) {
            committed.publishEvent(OutboxCommitted.INSTANCE); // auto-commit: already committed
            return;
        }
        status.get().registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                committed.publishEvent(OutboxCommitted.INSTANCE);
            }
        });
    }
}
