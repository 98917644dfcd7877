package dev.polyledger.devmongo;

import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for MongoDB on machines that have none (docs/machines.md): mongo-java-server speaking the
 * MongoDB wire protocol, its data in one H2 MVStore file ({@link DevMongoBackend}: its H2 backend with a cheaper
 * {@code _id} index). For development only; the docker-compose path and production use a real {@code mongo}.
 *
 * <pre>java -jar dev-mongo.jar [--port 27017] [--file data/audit.mv]</pre>
 *
 * <p>Listens on 127.0.0.1 only. Stops on SIGTERM/SIGINT: the shutdown hook closes the server and then the H2
 * store, which commits what is pending. Known limits of the stand-in: no {@code hello} command (clients must
 * not configure the stable API), no sessions or transactions, secondary indexes accepted but not enforced
 * (uniqueness holds only for {@code _id}).
 *
 * <p>Exit status: 0 after a clean stop, 2 for bad arguments, 1 when the port or the file cannot be opened.
 */
public final class DevMongo {
    private static final Logger LOG = LoggerFactory.getLogger(DevMongo.class);
    static final String HOST = "127.0.0.1";

    private DevMongo() {
    }

    /** The command line: port 1..65535 (default 27017) and the H2 file (default {@code dev-mongo.mv}). */
    record Options(int port, Path file) {
        static Options parse(String[] args) {
            int port = 27017;
            Path file = Path.of("dev-mongo.mv");
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (("--port".equals(arg) || "--file".equals(arg)) && i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                switch (arg) {
                    case "--port" -> port = parsePort(args[++i]);
                    case "--file" -> file = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            return new Options(port, file.toAbsolutePath());
        }

        private static int parsePort(String text) {
            try {
                int port = Integer.parseInt(text);
                if (port >= 1 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--port must be 1..65535, was " + text);
        }
    }

    /**
     * The H2 store, opened as mongo-java-server's {@code H2Backend} opens it, with H2's defaults: what changed is
     * written about once a second (so a process killed with {@code kill -9} loses up to about the last second; a
     * clean stop commits everything), a 16 MB page cache. Larger pages, a longer commit delay, a bigger write buffer
     * or cache changed dev-mongo's CPU per insert by less than the machine's noise (measured, issue 5).
     */
    static MVStore openStore(Path file) {
        return MVStore.open(file.toString());
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("dev-mongo: " + e.getMessage());
            System.err.println("usage: java -jar dev-mongo.jar [--port 27017] [--file data/audit.mv]");
            System.exit(2);
            return;
        }
        MongoServer server;
        try {
            Path parent = options.file().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            server = new MongoServer(new DevMongoBackend(openStore(options.file())));
            server.bind(HOST, options.port());
        } catch (RuntimeException e) {
            System.err.println("dev-mongo: cannot start on " + HOST + ":" + options.port() + " with " + options.file()
                    + ": " + e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            LOG.info("dev-mongo stopped; data kept in {}", options.file());
            stopped.countDown();
        }, "dev-mongo-shutdown"));
        LOG.info("dev-mongo: a stand-in for MongoDB (mongo-java-server, H2 file {}), NOT a real MongoDB, on mongodb://{}:{}",
                options.file(), HOST, options.port());
        stopped.await();
    }
}
