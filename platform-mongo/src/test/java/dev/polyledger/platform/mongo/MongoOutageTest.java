package dev.polyledger.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import java.io.IOException;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class MongoOutageTest {

    @Test
    void aServerSelectionTimeoutIsAnOutage() {
        assertThat(MongoOutage.isOutage(new MongoTimeoutException("no server selected"))).isTrue();
    }

    @Test
    void aSocketTimeoutWrappedByTheCallerIsAnOutage() {
        var socket = new MongoSocketReadTimeoutException("read timed out", new ServerAddress(), new IOException());

        assertThat(MongoOutage.isOutage(new IllegalStateException("store call failed", socket))).isTrue();
    }

    @Test
    void aCommandTheServerRefusedIsNotAnOutage() {
        var refused = new MongoCommandException(BsonDocument.parse("{ok: 0, code: 2, errmsg: 'bad value'}"),
                new ServerAddress());

        assertThat(MongoOutage.isOutage(refused)).isFalse();
        assertThat(MongoOutage.isOutage(new IllegalArgumentException("not mongo"))).isFalse();
        assertThat(MongoOutage.isOutage(null)).isFalse();
    }
}
