package dev.polyledger.ledger.adapter.out.postgres;

import dev.polyledger.ledger.domain.AccountId;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Inserts held back until just before COMMIT while several requests share one transaction ({@link CommitGroups}):
 * the transfers with their entries, the outbox events and the idempotency records of the whole group then reach
 * PostgreSQL as one JDBC batch per table, in the order each table was first written, instead of four statements
 * per request. Only inserts are held back, never reads or updates, because nothing in a ledger transaction reads
 * those rows back except an idempotency record by its key, which the adapter looks up here first
 * ({@link #held(Writer)}). Outside a shared transaction nothing is held and every insert is sent at once.
 * The group also carries the accounts its works will change ({@link Group#accounts()}), so that the account
 * adapter can lock and read them all with its first statement and keep them in memory for the group
 * ({@link Group#state}).
 *
 * <p>A group is bound to the thread that runs its transaction, for one attempt: {@link #open()} then
 * {@link Group#flush()} then {@link Group#close()}; a failed attempt drops what it held with its rollback.
 */
@Singleton
class PendingWrites {
    /** Writes rows of one table in the caller's transaction; the rows are in the order they were held. */
    @FunctionalInterface
    interface Writer<T> {
        void write(List<T> rows);
    }

    private final ThreadLocal<Group> current = new ThreadLocal<>();

    /**
     * Starts holding inserts on this thread until the returned group is closed.
     *
     * @param accounts every account the group's works will lock (the union of what they queued behind)
     */
    Group open(Set<AccountId> accounts) {
        if (current.get() != null) {
            throw new IllegalStateException("a group of pending writes is already open on this thread");
        }
        var group = new Group(Set.copyOf(accounts));
        current.set(group);
        return group;
    }

    /** The group open on this thread, if any. */
    Optional<Group> group() {
        return Optional.ofNullable(current.get());
    }

    /**
     * Holds {@code row} for {@code writer} when a group is open on this thread.
     *
     * @return false when no group is open: the caller must write the row now
     */
    <T> boolean hold(Writer<T> writer, T row) {
        Group group = current.get();
        if (group == null) {
            return false;
        }
        group.rows(writer).add(row);
        return true;
    }

    /** The rows held for {@code writer} on this thread, oldest first (a read-only view); empty outside a group. */
    <T> List<T> held(Writer<T> writer) {
        Group group = current.get();
        return group == null ? List.of() : Collections.unmodifiableList(group.rows(writer));
    }

    /** The inserts held for one attempt of a shared transaction. */
    final class Group implements AutoCloseable {
        private final Map<Writer<?>, List<Object>> rows = new LinkedHashMap<>();
        private final Map<Object, Object> states = new HashMap<>();
        private final Set<AccountId> accounts;

        private Group(Set<AccountId> accounts) {
            this.accounts = accounts;
        }

        /** The accounts the group's works will lock. */
        Set<AccountId> accounts() {
            return accounts;
        }

        /** An adapter's own state for this group (created on first use), keyed by the adapter. */
        @SuppressWarnings("unchecked")
        <T> T state(Object owner, Supplier<T> create) {
            return (T) states.computeIfAbsent(owner, o -> create.get());
        }

        @SuppressWarnings("unchecked")
        private <T> List<T> rows(Writer<T> writer) {
            return (List<T>) rows.computeIfAbsent(writer, w -> new ArrayList<>());
        }

        /** Sends every held row, table by table in first-written order; call it last in the transaction. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        void flush() {
            for (var table : rows.entrySet()) {
                if (!table.getValue().isEmpty()) {
                    ((Writer) table.getKey()).write(List.copyOf(table.getValue()));
                }
            }
            rows.clear();
        }

        @Override
        public void close() {
            current.remove();
        }
    }
}
