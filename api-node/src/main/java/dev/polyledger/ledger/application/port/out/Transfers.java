package dev.polyledger.ledger.application.port.out;

import dev.polyledger.ledger.domain.Transfer;
import dev.polyledger.ledger.domain.TransferId;
import dev.polyledger.ledger.domain.TenantId;
import java.util.Optional;

/** The posted transfers and their entries; append-only. */
public interface Transfers {

    /** Stores a posted transfer with its entries. */
    void add(Transfer transfer);

    /** A transfer with its entries. */
    Optional<Transfer> find(TenantId tenant, TransferId id);
}
