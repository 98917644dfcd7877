package dev.polyledger.audit.testing;

import dev.polyledger.platform.http.auth.Scope;
import dev.polyledger.platform.testing.TestDatabase;
import dev.polyledger.platform.testing.TestKeys;
import dev.polyledger.platform.testing.TestMongo;
import java.util.HashMap;
import java.util.Map;

/**
 * What the audit-worker's integration tests run against, each of its own so that no other suite and never the
 * cluster shares it: PostgreSQL database {@code audit_it} (or {@code AUDIT_IT_DB_URL}) where platform-http keeps the
 * API keys, keys with {@code audit:read}, MongoDB database {@value #MONGO_DATABASE} (emptied once per JVM) and the
 * broker's vhost of {@link TestBroker}.
 */
public final class AuditTestEnvironment {
    public static final TestDatabase DATABASE = new TestDatabase("audit_it", "AUDIT_IT_DB_URL");
    public static final TestKeys KEYS = new TestKeys(DATABASE, Scope.AUDIT_READ);
    public static final String MONGO_DATABASE = "audit_it";
    private static String mongoUri;

    private AuditTestEnvironment() {
    }

    /** Properties pointing a Micronaut context at the test MongoDB, the test broker and the test database of keys. */
    public static synchronized Map<String, String> properties() {
        if (mongoUri == null) {
            mongoUri = TestMongo.emptied(MONGO_DATABASE);
        }
        Map<String, String> properties = new HashMap<>(DATABASE.properties());
        properties.put("mongodb.uri", mongoUri);
        properties.put("audit.mongodb.database", MONGO_DATABASE);
        properties.put("rabbitmq.uri", TestBroker.uri());
        return properties;
    }
}
