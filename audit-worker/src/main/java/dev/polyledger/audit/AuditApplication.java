package dev.polyledger.audit;

import io.micronaut.runtime.Micronaut;

/**
 * Entry point of the audit-worker: consumes the {@code audit} queue into MongoDB snapshots and serves
 * {@code /api/v1/audit/...} (port {@code AUDIT_PORT}, default 8090). Configuration: {@code application.yml}.
 */
public final class AuditApplication {
    private AuditApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(AuditApplication.class)
                .banner(false)
                .start();
    }
}
