package dev.polyledger.devmongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with two changes. First, the maps of unique indexes ({@code _id} included) are opened with
 * {@link IndexKeyType}, which compares keys without serializing them again and again. The file format is H2's own
 * and unchanged: files written by the plain backend open here and the other way round.
 *
 * <p>Second, a sorted query with a limit ({@code find().sort(...).limit(n)}) keeps only the best {@code skip + n}
 * matches while it scans ({@link BoundedSortCollection}), where mongo-java-server sorts every match in memory: one
 * unfiltered sorted page of a large collection made dev-mongo die with {@code OutOfMemoryError} (issue 14). Its
 * memory is now bounded by the page, not the collection; the scan still reads the whole collection (the stand-in
 * has no secondary indexes), so its time grows with the history.
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

        /** As H2Database's own (same map names), with {@link BoundedSortCollection} instead of H2Collection. */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collectionName);
            var store = DevMongoBackend.this.getMvStore();
            return new BoundedSortCollection(this, collectionName, options, store.openMap("databases." + namespace),
                    store.openMap("meta." + namespace));
        }
    }

    /** An H2 collection whose sorted, limited queries hold at most {@code skip + limit} documents at a time. */
    private final class BoundedSortCollection extends H2Collection {
        BoundedSortCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                              org.h2.mvstore.MVMap<Object, Document> dataMap,
                              org.h2.mvstore.MVMap<String, Object> metaMap) {
            super(database, collectionName, options, dataMap, metaMap, DevMongoBackend.this.getCursorRegistry());
        }

        @Override
        protected QueryResult matchDocumentsFromStream(Document query, Stream<Document> documents, int skip,
                                                       int limit, int batchSize, Comparator<Document> order,
                                                       Document fieldSelector) {
            long keep = (long) Math.max(skip, 0) + limit;
            if (order == null || limit <= 0 || keep > Integer.MAX_VALUE) {
                return super.matchDocumentsFromStream(query, documents, skip, limit, batchSize, order, fieldSelector);
            }
            // The worst of the best `keep` at the head, dropped whenever a better match arrives.
            PriorityQueue<Document> best = new PriorityQueue<>((int) keep + 1, order.reversed());
            documents.filter(document -> documentMatchesQuery(document, query)).forEach(document -> {
                best.add(document);
                if (best.size() > keep) {
                    best.poll();
                }
            });
            List<Document> page = new ArrayList<>(best);
            page.sort(order);
            return super.matchDocumentsFromStream(query, page.stream(), skip, limit, batchSize, order, fieldSelector);
        }
    }
}
