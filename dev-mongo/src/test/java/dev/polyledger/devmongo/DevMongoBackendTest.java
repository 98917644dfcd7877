package dev.polyledger.devmongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dev-mongo's backend on a real H2 file, through the real MongoDB driver: the {@code _id} index finds what it holds
 * and refuses duplicates, and files pass between it and mongo-java-server's plain H2 backend both ways (same bytes,
 * same key order: {@link IndexKeyType}).
 */
class DevMongoBackendTest {
    @TempDir
    Path dir;

    private static final Function<Path, MongoBackend> PLAIN = file -> new H2Backend(file.toString());
    private static final Function<Path, MongoBackend> DEV_MONGO = file -> new DevMongoBackend(DevMongo.openStore(file));

    @Test
    void findsEveryDocumentByIdAndRefusesDuplicates() {
        Path file = dir.resolve("one.mv");
        List<String> ids = ids(300);
        DevMongoBackend backend = new DevMongoBackend(DevMongo.openStore(file));

        withCollection(f -> backend, file, events -> {
            insert(events, ids);
            assertAllFoundAndUnique(events, ids);
            assertThat(backend.getMvStore().openMap("audit.audit_events._index__id_").getKeyType())
                    .as("the _id index map, under H2Database's own name").isInstanceOf(IndexKeyType.class);
        });
    }

    @Test
    void aFileOfThePlainBackendWorksHereAndTheOtherWayRound() {
        Path file = dir.resolve("shared.mv");
        List<String> written = ids(300), added = ids(300);

        withCollection(PLAIN, file, events -> insert(events, written));
        withCollection(DEV_MONGO, file, events -> {
            assertAllFoundAndUnique(events, written);
            insert(events, added);
        });
        withCollection(PLAIN, file, events -> {
            assertAllFoundAndUnique(events, written);
            assertAllFoundAndUnique(events, added);
            assertThat(events.countDocuments()).isEqualTo(600);
        });
    }

    private static List<String> ids(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return ids;
    }

    private static void insert(MongoCollection<Document> events, List<String> ids) {
        events.insertMany(ids.stream().map(id -> new Document("_id", id).append("n", id.hashCode())).toList());
    }

    private static void assertAllFoundAndUnique(MongoCollection<Document> events, List<String> ids) {
        for (String id : ids) {
            assertThat(events.find(Filters.eq("_id", id)).first()).as(id).isNotNull();
        }
        assertThat(events.countDocuments(Filters.in("_id", ids))).isEqualTo(ids.size());
        String again = ids.get(ids.size() / 2);
        assertThatThrownBy(() -> events.insertOne(new Document("_id", again)))
                .isInstanceOfSatisfying(MongoWriteException.class,
                        e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
    }

    /** Runs the check against a server on the file, then shuts it down (committing the file). */
    private static void withCollection(Function<Path, MongoBackend> backend, Path file,
                                       java.util.function.Consumer<MongoCollection<Document>> check) {
        MongoServer server = new MongoServer(backend.apply(file));
        try {
            var address = server.bind();
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
                check.accept(client.getDatabase("audit").getCollection("audit_events"));
            }
        } finally {
            server.shutdownNow();
        }
    }
}
