package dev.polyledger.notification.adapter.out.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import dev.polyledger.notification.config.NotificationProperties;
import jakarta.inject.Singleton;

/** The worker's MongoDB database, {@code notification.mongodb.database} (env {@code NOTIFICATION_MONGODB_DATABASE}). */
@Singleton
class NotificationDatabase {
    private final MongoClient client;
    private final String name;

    NotificationDatabase(MongoClient client, NotificationProperties.Mongodb settings) {
        this.client = client;
        this.name = settings.database();
    }

    MongoDatabase get() {
        return client.getDatabase(name);
    }
}
