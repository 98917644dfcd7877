package dev.polyledger.notification.adapter.out.mongo;

import com.mongodb.client.model.Filters;
import dev.polyledger.events.EventEnvelope;
import java.util.Arrays;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The tenant of the worker's documents. Documents written before tenants existed have no {@value #FIELD}: they belong
 * to {@value EventEnvelope#DEFAULT_TENANT}, which is how they are read and matched; they are not rewritten.
 */
final class Tenants {
    static final String FIELD = "tenantId";

    private Tenants() {
    }

    /**
     * The filter "belongs to the tenant", part of every tenant-scoped query: {@code tenantId} equal to it, and for the
     * default tenant also a missing one ({@code $in: ["default", null]}, which an index on {@code tenantId} serves).
     */
    static Bson is(String tenantId) {
        return EventEnvelope.DEFAULT_TENANT.equals(tenantId)
                ? Filters.in(FIELD, Arrays.asList(EventEnvelope.DEFAULT_TENANT, null))
                : Filters.eq(FIELD, tenantId);
    }

    /** The tenant of a document, {@code default} when it has none. */
    static String of(Document document) {
        String tenantId = document.getString(FIELD);
        return tenantId == null ? EventEnvelope.DEFAULT_TENANT : tenantId;
    }
}
