package dev.polyledger.notification.testing;

import dev.polyledger.platform.http.auth.Scope;
import dev.polyledger.platform.testing.TestDatabase;
import dev.polyledger.platform.testing.TestKeys;
import dev.polyledger.platform.testing.TestMongo;
import java.util.HashMap;
import java.util.Map;

/**
 * What the notification-worker's integration tests run against, each of its own so that no other suite and never
 * the cluster shares it: PostgreSQL database {@code notification_it} (or {@code NOTIFICATION_IT_DB_URL}) where
 * platform-http keeps the API keys, keys with {@code webhooks:manage}, a MongoDB database per test class (emptied
 * before use) and the broker's vhost of {@link TestBroker}.
 */
public final class NotificationTestEnvironment {
    public static final TestDatabase DATABASE = new TestDatabase("notification_it", "NOTIFICATION_IT_DB_URL");
    public static final TestKeys KEYS = new TestKeys(DATABASE, Scope.WEBHOOKS_MANAGE);

    private NotificationTestEnvironment() {
    }

    /** Properties pointing a context at an emptied MongoDB {@code database}, the test broker and the keys' database. */
    public static Map<String, String> properties(String database) {
        Map<String, String> properties = new HashMap<>(DATABASE.properties());
        properties.put("mongodb.uri", TestMongo.emptied(database));
        properties.put("notification.mongodb.database", database);
        properties.put("rabbitmq.uri", TestBroker.uri());
        return properties;
    }
}
