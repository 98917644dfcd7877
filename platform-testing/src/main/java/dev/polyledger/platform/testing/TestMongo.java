package dev.polyledger.platform.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The MongoDB of the integration tests: {@code MONGODB_URI} when set, otherwise an in-process mongo-java-server
 * (memory backend) on a free port of 127.0.0.1, started once per JVM. The service under test only ever sees a URI;
 * each suite uses databases of its own and empties them with {@link #emptied}.
 *
 * <p>The MongoDB driver and mongo-java-server are optional dependencies of this module: a module that uses this
 * class has them in its test scope already (the workers); the api-node's tests do not get them.
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

    /** Drops {@code database} on the test MongoDB and returns the URI, for a context that starts from nothing. */
    public static String emptied(String database) {
        try (MongoClient client = MongoClients.create(uri())) {
            client.getDatabase(database).drop();
        }
        return uri();
    }
}
