package dev.polyledger.audit.config;

import dev.polyledger.audit.application.port.out.AuditRecords;
import dev.polyledger.audit.application.port.out.LedgerReadModel;
import dev.polyledger.audit.application.service.AuditService;
import dev.polyledger.audit.application.service.ReconciliationService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the application's plain-Java needs to the platform. */
@Factory
class AuditFactory {

    /** UTC wall clock: the {@code receivedAt} of snapshots. */
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The application service (recording and queries), with the configured default query window. */
    @Singleton
    AuditService auditService(AuditRecords records, Clock clock, AuditProperties.Query query) {
        return new AuditService(records, clock, query.defaultWindow());
    }

    /** Reconciliation with the ledger and rebuild of the trail, read in the configured slices. */
    @Singleton
    ReconciliationService reconciliationService(LedgerReadModel ledger, AuditRecords records, Clock clock,
                                                AuditProperties.Reconciliation settings) {
        return new ReconciliationService(ledger, records, clock, settings.slice(), settings.maxIds());
    }
}
