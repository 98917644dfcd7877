package dev.polyledger.audit.application.port.in;

import dev.polyledger.audit.domain.AuditSnapshot;
import java.util.List;

/**
 * One page of snapshots, newest first.
 *
 * @param items the snapshots, at most the query's limit
 * @param next  where the next page starts; null when there is none
 */
public record AuditPage(List<AuditSnapshot> items, PageCursor next) {
    public AuditPage {
        items = List.copyOf(items);
    }
}
