package dev.polyledger.ledger.adapter.out.postgres;

import dev.polyledger.events.EventType;
import dev.polyledger.ledger.application.port.out.OutboxBatches;
import dev.polyledger.ledger.application.port.out.PendingEvent;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.DefaultTransactionDefinition;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@link OutboxBatches} on the {@code outbox} table, which holds unpublished events only: a published event is
 * deleted in the transaction that claimed it (V12; no dead weight for the claim to wade through once the table is
 * vacuumed). The relay's transaction is READ COMMITTED: it only claims rows ({@code FOR UPDATE SKIP LOCKED}) and
 * deletes them, so serializable isolation would add nothing but spurious conflicts with the transfers appending to
 * the outbox.
 */
@Singleton
class PostgresOutboxBatches implements OutboxBatches {
    /**
     * The earliest unpublished event of each aggregate, in outbox order, skipping rows other relays hold. An earlier
     * event another relay holds still exists (it is deleted only when that relay commits), so a later one of the same
     * aggregate is not claimed before it is gone: per-aggregate order holds across relays.
     */
    private static final String CLAIM = "SELECT o.event_id, o.event_type, o.aggregate_id, o.sequence, o.request_id, "
            + "o.tenant_id, o.actor, o.node_id, o.occurred_at, o.payload::text AS payload FROM outbox o "
            + "WHERE NOT EXISTS (SELECT 1 FROM outbox p WHERE p.aggregate_id = o.aggregate_id AND p.sequence < o.sequence) "
            + "ORDER BY o.id LIMIT ? FOR UPDATE OF o SKIP LOCKED";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final TransactionDefinition readCommitted;

    PostgresOutboxBatches(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        // READ COMMITTED is the pool's default; naming it would cost round trips to set and reset it.
        var definition = new DefaultTransactionDefinition(TransactionDefinition.Propagation.REQUIRES_NEW);
        definition.setName("outbox-relay");
        this.readCommitted = definition;
    }

    @Override
    public int relay(int limit, Function<List<PendingEvent>, Set<UUID>> publish) {
        return transactions.execute(readCommitted, status -> {
            List<PendingEvent> batch = claim(limit);
            if (batch.isEmpty()) {
                return 0;
            }
            Set<UUID> published = publish.apply(batch);
            delete(published);
            return batch.size();
        });
    }

    private List<PendingEvent> claim(int limit) {
        return jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement(CLAIM)) {
                ps.setInt(1, limit);
                var events = new ArrayList<PendingEvent>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(new PendingEvent(rs.getObject("event_id", UUID.class),
                                EventType.fromRoutingKey(rs.getString("event_type")).orElseThrow(),
                                rs.getObject("aggregate_id", UUID.class), rs.getLong("sequence"), rs.getString("tenant_id"),
                                rs.getString("actor"), rs.getString("request_id"), rs.getString("node_id"), Jdbc.instant(rs, "occurred_at"), rs.getString("payload")));
                    }
                }
                return events;
            }
        });
    }

    private void delete(Set<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement("DELETE FROM outbox WHERE event_id = ANY(?)")) {
                ps.setArray(1, conn.createArrayOf("uuid", eventIds.toArray()));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Backlog backlog() {
        return jdbc.execute(conn -> {
            try (var st = conn.createStatement();
                 var rs = st.executeQuery("SELECT count(*), min(occurred_at) FROM outbox")) {
                rs.next();
                var oldest = rs.getObject(2, java.time.OffsetDateTime.class);
                return new Backlog(rs.getLong(1), Optional.ofNullable(oldest).map(java.time.OffsetDateTime::toInstant));
            }
        });
    }
}
