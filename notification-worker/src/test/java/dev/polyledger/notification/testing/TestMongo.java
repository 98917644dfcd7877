package dev.polyledger.notification.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.HashMap;
import java.util.Map;

/**
 * The MongoDB of the integration tests: {@code MONGODB_URI} when set (each test class's database is dropped before
 * use), otherwise an in-process mongo-java-server (memory backend) on a free port of 127.0.0.1, once per JVM.
 */
public final class TestMongo {
    private static String uri;

    private TestMongo() {
    }

    public static synchronized String uri() {
        if (uri == null) {
            String given = System.getenv("MONGODB_URI");
            if (given != null && !given.isBlank()) {
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
     * Properties pointing a context at an emptied database of the test MongoDB, at the test broker and at the test
     * database of API keys with the operator key ({@link TestAuth}).
     */
    public static Map<String, String> properties(String database) {
        try (MongoClient client = MongoClients.create(uri())) {
            client.getDatabase(database).drop();
        }
        Map<String, String> properties = new HashMap<>(TestAuth.properties());
        properties.put("mongodb.uri", uri());
        properties.put("notification.mongodb.database", database);
        properties.put("rabbitmq.uri", TestBroker.uri());
        return properties;
    }
}
