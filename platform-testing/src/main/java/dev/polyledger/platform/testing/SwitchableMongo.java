package dev.polyledger.platform.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.net.ServerSocket;

/**
 * An in-process MongoDB stand-in (mongo-java-server) on a port of its own that a test stops and starts again to
 * stage an outage of a worker's store; the worker keeps the same {@link #uri()} throughout.
 */
public final class SwitchableMongo {
    private final int port = freePort();
    private final boolean keepData;
    private final MemoryBackend kept = new MemoryBackend() {
        @Override
        public void close() {
            // The data outlives the server: an outage, not a wipe.
        }
    };
    private MongoServer server;

    /**
     * @param keepData whether the documents written before {@link #stop()} are there again after {@link #start()}
     *                 (a restarted server), or gone (a fresh one)
     */
    public SwitchableMongo(boolean keepData) {
        this.keepData = keepData;
    }

    /** {@code mongodb://127.0.0.1:<port>}. */
    public String uri() {
        return "mongodb://127.0.0.1:" + port;
    }

    /** Starts the server unless it runs. */
    public synchronized void start() {
        if (server == null) {
            server = new MongoServer(keepData ? kept : new MemoryBackend());
            server.bind("127.0.0.1", port);
        }
    }

    /** Stops the server at once (open connections are cut) unless it is stopped. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
