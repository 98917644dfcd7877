package dev.polyledger.audit.adapter.out.mongo;

import com.mongodb.MongoException;
import dev.polyledger.platform.mongo.MongoOutage;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the indexes of the audit queries at start ({@code createIndexes} is idempotent), each led by the tenant
 * since every query is scoped to one: {@code {tenantId: 1, accountIds: 1, occurredAt: -1}},
 * {@code {tenantId: 1, transferId: 1}}, {@code {tenantId: 1, type: 1, occurredAt: -1}},
 * {@code {tenantId: 1, occurredAt: -1}}. (Indexes of earlier versions without the tenant are left in place; drop
 * them by hand once no query uses them.) While MongoDB is out of reach it tries again every minute; a server that refuses
 * the indexes is reported once and left alone (queries work without them, only slower). The consumer does not
 * wait for this: the uniqueness it relies on is {@code _id}'s.
 */
@Singleton
class AuditIndexes {
    private static final Logger LOG = LoggerFactory.getLogger(AuditIndexes.class);
    static final List<IndexModel> INDEXES = List.of(
            new IndexModel(Indexes.compoundIndex(Indexes.ascending(SnapshotDocuments.TENANT_ID, SnapshotDocuments.ACCOUNT_IDS),
                    Indexes.descending(SnapshotDocuments.OCCURRED_AT))),
            new IndexModel(Indexes.ascending(SnapshotDocuments.TENANT_ID, SnapshotDocuments.TRANSFER_ID)),
            new IndexModel(Indexes.compoundIndex(Indexes.ascending(SnapshotDocuments.TENANT_ID, SnapshotDocuments.TYPE),
                    Indexes.descending(SnapshotDocuments.OCCURRED_AT))),
            new IndexModel(Indexes.compoundIndex(Indexes.ascending(SnapshotDocuments.TENANT_ID),
                    Indexes.descending(SnapshotDocuments.OCCURRED_AT))));

    private final MongoAuditRecords records;
    private final AtomicBoolean settled = new AtomicBoolean();

    AuditIndexes(MongoAuditRecords records) {
        this.records = records;
    }

    @Scheduled(initialDelay = "0s", fixedDelay = "1m")
    void ensureIndexes() {
        if (settled.get()) {
            return;
        }
        try {
            List<String> names = records.collection().createIndexes(INDEXES);
            settled.set(true);
            LOG.info("indexes of {}: {}", MongoAuditRecords.COLLECTION, names);
        } catch (MongoException e) {
            if (MongoOutage.isOutage(e)) {
                LOG.warn("MongoDB unavailable, indexes of {} not created yet (next try in a minute): {}",
                        MongoAuditRecords.COLLECTION, e.getMessage());
            } else {
                settled.set(true);
                LOG.warn("MongoDB refused the indexes of {}; queries work but scan: {}",
                        MongoAuditRecords.COLLECTION, e.getMessage());
            }
        }
    }
}
