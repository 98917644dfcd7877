package dev.polyledger.audit.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.Map;

/**
 * The MongoDB of the integration tests: {@code MONGODB_URI} when set (its database {@value #DATABASE} is dropped
 * once per test JVM), otherwise an in-process mongo-java-server (memory backend) on a free port of 127.0.0.1,
 * started once per JVM. The worker itself only ever sees a URI.
 */
public final class TestMongo {
    public static final String DATABASE = "audit_it";
    private static String uri;

    private TestMongo() {
    }

    public static synchronized String uri() {
        if (uri == null) {
            String given = System.getenv("MONGODB_URI");
            if (given != null && !given.isBlank()) {
                try (MongoClient client = MongoClients.create(given)) {
                    client.getDatabase(DATABASE).drop();
                }
                uri = given;
            } else {
                MongoServer server = new MongoServer(new MemoryBackend());
                server.bind("127.0.0.1", 0);
                Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
                uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
            }
        }
        return uri;
    }

    /**
     * Properties pointing a Micronaut context at the test MongoDB, the test broker ({@link TestBroker}) and the test
     * database of API keys with the operator key ({@link TestAuth}).
     */
    public static Map<String, String> properties() {
        Map<String, String> properties = new java.util.HashMap<>(TestAuth.properties());
        properties.putAll(Map.of("mongodb.uri", uri(), "audit.mongodb.database", DATABASE, "rabbitmq.uri",
                TestBroker.uri()));
        return properties;
    }
}
