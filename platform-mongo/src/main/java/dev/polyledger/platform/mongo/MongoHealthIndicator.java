package dev.polyledger.platform.mongo;

import com.mongodb.client.MongoClient;
import io.micronaut.context.annotation.Value;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mongodb} in {@code /health}: {@code UP} when the server answers {@code ping} (on the {@code mongodb.health.database}, default {@code admin}),
 * {@code DOWN} otherwise (after at most the driver's server-selection timeout, {@code mongodb.cluster.server-selection-timeout}).
 * micronaut-mongo-sync has no indicator of its own.
 */
@Singleton
public class MongoHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(MongoHealthIndicator.class);
    private final MongoClient client;
    private final String database;

    MongoHealthIndicator(MongoClient client, @Value("${mongodb.health.database:admin}") String database) {
        this.client = client;
        this.database = database;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        var details = new LinkedHashMap<String, Object>();
        details.put("database", database);
        try {
            client.getDatabase(database).runCommand(new Document("ping", 1));
            healthStatus = HealthStatus.UP;
        } catch (RuntimeException e) {
            // The driver's message names the servers' addresses and exception classes: the log gets it, /health
            // (public through the entry point) only a plain sentence.
            LOG.warn("mongodb health check failed: {}", e.toString());
            healthStatus = HealthStatus.DOWN;
            details.put("error", "the MongoDB server did not answer");
        }
        return details;
    }

    @Override
    protected String getName() {
        return "mongodb";
    }
}
