package dev.polyledger.ledger.application;

import dev.polyledger.ledger.application.port.out.UnitOfWork;
import dev.polyledger.ledger.domain.AccountId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs the work once, as it is, and counts how often it was asked to. No rollback: whatever the work wrote
 * stays, so a test that finds nothing written knows the service wrote nothing.
 */
public final class DirectUnitOfWork implements UnitOfWork {
    private final List<Set<AccountId>> serializedOn = new ArrayList<>();
    private int transactions;
    private boolean open;

    @Override
    public <T> T inSerializableTransaction(Supplier<T> work) {
        transactions++;
        boolean outermost = !open;
        open = true;
        try {
            return work.get();
        } finally {
            if (outermost) {
                open = false;
            }
        }
    }

    @Override
    public <T> T inSerializableTransaction(Collection<AccountId> serializeOn, Supplier<T> work) {
        serializedOn.add(Set.copyOf(serializeOn));
        return inSerializableTransaction(work);
    }

    public int transactions() {
        return transactions;
    }

    /** Whether work is running inside {@link #inSerializableTransaction} right now. */
    public boolean isOpen() {
        return open;
    }

    /** The accounts each transaction that asked to queue behind their writers named, in call order. */
    public List<Set<AccountId>> serializedOn() {
        return List.copyOf(serializedOn);
    }
}
