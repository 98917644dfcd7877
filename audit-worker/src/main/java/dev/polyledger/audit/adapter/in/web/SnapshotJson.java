package dev.polyledger.audit.adapter.in.web;

import dev.polyledger.audit.application.port.in.AuditPage;
import dev.polyledger.audit.domain.AuditSnapshot;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * A snapshot as the audit API renders it; times are ISO-8601 strings (UTC), {@code data} is the account or
 * transfer as the event carried it, {@code tenantId} the tenant it belongs to and {@code actor} the id of the API key
 * that made the change (null when none did, or for events published before keys existed).
 */
@Serdeable
record SnapshotJson(String eventId, String type, String aggregateId, long sequence, String occurredAt,
                    @Nullable String requestId, @Nullable String source, String tenantId, @Nullable String actor,
                    String receivedAt,
                    Map<String, Object> data) {

    static SnapshotJson of(AuditSnapshot s) {
        return new SnapshotJson(s.eventId().toString(), s.type().routingKey(), s.aggregateId().toString(),
                s.sequence(), s.occurredAt().toString(), s.requestId(), s.source(), s.tenantId(), s.actor(),
                s.receivedAt().toString(), s.data());
    }

    /** {@code {"items": [snapshot…], "nextCursor": "…" | null}}. */
    @Serdeable
    record Page(List<SnapshotJson> items, @Nullable String nextCursor) {
        static Page of(AuditPage page) {
            return new Page(page.items().stream().map(SnapshotJson::of).toList(),
                    page.next() == null ? null : page.next().encode());
        }
    }
}
