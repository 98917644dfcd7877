package dev.polyledger.platform.http.auth.domain;

import java.time.Instant;

/**
 * An isolated ledger: every account, transfer, key, event and subscription belongs to exactly one.
 *
 * @param id        {@code default} or {@code ten_…} (see {@link AuthIds#TENANT_ID})
 * @param name      a label chosen by the operator
 * @param createdAt when it was created
 */
public record Tenant(String id, String name, Instant createdAt) {
}
