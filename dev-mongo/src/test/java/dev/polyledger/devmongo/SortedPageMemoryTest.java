package dev.polyledger.devmongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: one unfiltered sorted page ({@code find().sort(occurredAt desc, _id desc).limit(101)}, the audit API's
 * first page) over a collection larger than the server's heap. dev-mongo, in a JVM of its own with a deliberately
 * small heap ({@value #HEAP}), answers it with the right page; mongo-java-server's plain H2 backend, on the same file
 * and the same heap, dies of {@code OutOfMemoryError} (the control: it shows the data is large enough).
 */
class SortedPageMemoryTest {
    private static final String HEAP = "-Xmx48m";
    private static final int DOCUMENTS = 24_000;
    private static final int PAGE = 101;
    private static final String PADDING = "x".repeat(3_000);

    @TempDir
    Path dir;

    @Test
    void aSortedPageOfACollectionLargerThanTheHeapIsAnsweredWithBoundedMemory() throws Exception {
        Path file = dir.resolve("audit.mv");
        long newest = 1_700_000_000_000L;

        Process devMongo = start(DevMongo.class.getName(), "--port", "%d", "--file", file.toString());
        try (MongoClient client = client(port(devMongo))) {
            MongoCollection<Document> events = client.getDatabase("audit").getCollection("audit_events");
            for (int batch = 0; batch < DOCUMENTS / 1_000; batch++) {
                List<Document> docs = new ArrayList<>(1_000);
                for (int i = 0; i < 1_000; i++) {
                    int n = batch * 1_000 + i;
                    // Shuffled times, so that the page is not simply the last documents written.
                    long at = newest - ((n * 7_919L) % DOCUMENTS) * 1_000;
                    docs.add(new Document("_id", String.format("%08d", n)).append("occurredAt", new Date(at))
                            .append("padding", PADDING + n));
                }
                events.insertMany(docs);
            }

            List<Document> page = events.find().sort(Sorts.descending("occurredAt", "_id")).limit(PAGE)
                    .into(new ArrayList<>());

            assertThat(page).hasSize(PAGE);
            for (int i = 0; i < PAGE; i++) {
                assertThat(page.get(i).getDate("occurredAt").getTime()).as("document %d of the page", i)
                        .isEqualTo(newest - i * 1_000L);
            }
            assertThat(devMongo.isAlive()).as("dev-mongo still running").isTrue();
        } finally {
            stop(devMongo);
        }

        Process plain = start(PlainH2Mongo.class.getName(), "%d", file.toString());
        try (MongoClient client = client(port(plain))) {
            MongoCollection<Document> events = client.getDatabase("audit").getCollection("audit_events");
            assertThat(events.estimatedDocumentCount()).isEqualTo(DOCUMENTS);
            assertThatThrownBy(() -> events.find().sort(Sorts.descending("occurredAt", "_id")).limit(PAGE)
                    .into(new ArrayList<>())).isInstanceOf(MongoException.class);
            assertThat(plain.waitFor(30, TimeUnit.SECONDS)).as("the plain backend died").isTrue();
            assertThat(plain.exitValue()).as("exit status after OutOfMemoryError").isNotZero();
        } finally {
            stop(plain);
        }
    }

    private final java.util.Map<Process, Integer> ports = new java.util.HashMap<>();

    /** A JVM on the test's class path with the small heap; {@code %d} in the arguments becomes a free port. */
    private Process start(String mainClass, String... args) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                mainClass));
        for (String arg : args) {
            command.add(arg.equals("%d") ? Integer.toString(port) : arg);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(mainClass + ".log").toFile()).start();
        ports.put(process, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return process;
            } catch (IOException notYet) {
                assertThat(process.isAlive()).as(mainClass + " started").isTrue();
                Thread.sleep(100);
            }
        }
        throw new AssertionError(mainClass + " did not listen on " + port);
    }

    private int port(Process process) {
        return ports.get(process);
    }

    private static MongoClient client(int port) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToSocketSettings(b -> b.readTimeout(60, TimeUnit.SECONDS)).build());
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy(); // SIGTERM: dev-mongo commits its file
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
