package dev.polyledger.devmongo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * mongo-java-server with its plain H2 backend, as dev-mongo was before issue 14: the control of
 * {@link SortedPageMemoryTest}. {@code PlainH2Mongo PORT FILE}; runs until killed.
 */
final class PlainH2Mongo {
    private PlainH2Mongo() {
    }

    public static void main(String[] args) throws InterruptedException {
        MongoServer server = new MongoServer(new H2Backend(args[1]));
        server.bind(DevMongo.HOST, Integer.parseInt(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        Thread.currentThread().join();
    }
}
