package dev.polyledger.devmongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with one change: the maps of unique indexes ({@code _id} included) are opened with
 * {@link IndexKeyType}, which compares keys without serializing them again and again. The file format is H2's own
 * and unchanged: files written by the plain backend open here and the other way round.
 */
final class DevMongoBackend extends H2Backend {
    private final IndexKeyType indexKeys = new IndexKeyType();

    DevMongoBackend(MVStore store) {
        super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    /**
     * mongo-java-server's H2 database. An inner class: H2Database's constructor already opens the existing indexes,
     * before a field of a subclass could be set, and the backend's store is reachable from here all the same.
     */
    private final class Database extends H2Database {
        Database(String databaseName) {
            super(databaseName, DevMongoBackend.this.getMvStore(), DevMongoBackend.this.getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            // Opened first with the key type of our choice; H2Database's openMap(name) then finds it open. The name
            // is H2Database's own (mapNameForIndex).
            String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
            DevMongoBackend.this.getMvStore().openMap(mapName, new MVMap.Builder<KeyValue, Object>().keyType(indexKeys));
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }
    }
}
