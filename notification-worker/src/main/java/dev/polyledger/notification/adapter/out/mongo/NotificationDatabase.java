package dev.polyledger.notification.adapter.out.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** The worker's MongoDB database, {@code notification.mongodb.database} (env {@code NOTIFICATION_MONGODB_DATABASE}). */
@Singleton
class NotificationDatabase {
    private final MongoClient client;
    private final String name;

    NotificationDatabase(MongoClient client, @Value("${notification.mongodb.database:notification}") String name) {
        this.client = client;
        this.name = name;
    }

    MongoDatabase get() {
        return client.getDatabase(name);
    }

    String name() {
        return name;
    }
}
