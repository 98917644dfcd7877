package dev.polyledger.notification.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polyledger.platform.testing.HttpTestClient;
import java.net.http.HttpRequest;
import java.util.UUID;

/** A test client of the webhooks API over real HTTP, sending {@code Authorization: Bearer <key>} unless the key is null. */
public final class Api extends HttpTestClient {
    /** A client with {@code KEYS.defaultKey()} (tenant {@code default}). */
    public Api(String baseUrl) {
        this(baseUrl, NotificationTestEnvironment.KEYS.defaultKey().key());
    }

    /** A client with the given API key; null sends none. */
    public Api(String baseUrl, String key) {
        super(baseUrl, key);
    }

    public Answer delete(String path) {
        return send(request(path).DELETE());
    }

    /** POST with the given key (null: none). */
    public Answer post(String path, String key, String body) {
        var builder = request(path).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            builder.header("Idempotency-Key", key);
        }
        return send(builder);
    }

    /** Creates a subscription of the URL to the event types (JSON array text); fails the test unless 201. */
    public JsonNode subscribe(String url, String eventTypesJson) {
        Answer answer = post("/api/v1/webhooks", UUID.randomUUID().toString(),
                "{\"url\":\"" + url + "\",\"eventTypes\":" + eventTypesJson + ",\"description\":\"test\"}");
        if (answer.status() != 201) {
            throw new AssertionError("subscription not created: " + answer);
        }
        return answer.json();
    }
}
