package dev.polyledger.notification;

import dev.polyledger.notification.testing.NotificationTestEnvironment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.notification.testing.Api;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The subscriptions API over HTTP, with the default SSRF guard (private URLs refused); literal public IPs, no DNS. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookApiIT implements TestPropertyProvider {
    private static final String PUBLIC_URL = "https://93.184.216.34/hooks/ledger";

    @Inject
    EmbeddedServer server;
    Api api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = NotificationTestEnvironment.properties("notification_it_api");
        properties.put("notification.allow-private-urls", "false");
        return properties;
    }

    @BeforeEach
    void client() {
        api = new Api(server.getURL().toString());
    }

    private static String body(String url, String eventTypes) {
        return "{\"url\":\"" + url + "\",\"eventTypes\":" + eventTypes + ",\"description\":\"payments\"}";
    }

    @Test
    void createsListsGetsAndDeletesASubscription() {
        var created = api.post("/api/v1/webhooks", UUID.randomUUID().toString(), body(PUBLIC_URL, "[\"transfer.posted\",\"account.created\"]"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.text("id");
        assertThat(created.text("secret")).matches("whsec_[A-Za-z0-9+/]{43}=");
        assertThat(created.text("status")).isEqualTo("ENABLED");
        assertThat(created.text("url")).isEqualTo(PUBLIC_URL);
        assertThat(created.text("description")).isEqualTo("payments");
        assertThat(created.text("createdAt")).isNotBlank();
        assertThat(created.json().get("eventTypes")).hasSize(2);
        assertThat(created.header("X-Request-Id")).isNotBlank();
        assertThat(created.header("Idempotent-Replayed")).isNull();

        var list = api.get("/api/v1/webhooks");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("items").findValuesAsText("id")).contains(id);
        assertThat(list.json().get("items").findValues("secret")).isEmpty();
        var one = api.get("/api/v1/webhooks/" + id);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.text("url")).isEqualTo(PUBLIC_URL);
        assertThat(one.json().has("secret")).as("a read never shows the secret: %s", one).isFalse();
        var deliveries = api.get("/api/v1/webhooks/" + id + "/deliveries");
        assertThat(deliveries.status()).isEqualTo(200);
        assertThat(deliveries.json().get("items")).isEmpty();

        assertThat(api.delete("/api/v1/webhooks/" + id).status()).isEqualTo(204);
        var gone = api.get("/api/v1/webhooks/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.code()).isEqualTo("WEBHOOK_NOT_FOUND");
        assertThat(gone.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.delete("/api/v1/webhooks/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/webhooks/" + id + "/deliveries").status()).isEqualTo(404);
    }

    @Test
    void theSameKeyAndBodyReplayTheFirstAnswerAndAnotherBodyIsRefused() {
        String key = "create-" + UUID.randomUUID();
        var first = api.post("/api/v1/webhooks", key, body(PUBLIC_URL, "[\"*\"]"));
        assertThat(first.status()).isEqualTo(201);
        var again = api.post("/api/v1/webhooks", key, body(PUBLIC_URL, "[\"*\"]"));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());

        var reused = api.post("/api/v1/webhooks", key, body(PUBLIC_URL, "[\"transfer.posted\"]"));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(api.get("/api/v1/webhooks").json().get("items").findValuesAsText("id")
                .stream().filter(first.text("id")::equals)).hasSize(1);
    }

    @Test
    void refusesAMissingOrMalformedIdempotencyKey() {
        var missing = api.post("/api/v1/webhooks", null, body(PUBLIC_URL, "[\"*\"]"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("IDEMPOTENCY_KEY_MISSING");
        var invalid = api.post("/api/v1/webhooks", "k".repeat(256), body(PUBLIC_URL, "[\"*\"]"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("IDEMPOTENCY_KEY_INVALID");
    }

    /** The platform's rule (IdempotencyKeys), not Netty's header check: a control character gets the problem code. */
    @Test
    void refusesAKeyWithAControlCharacterOrTwoKeysWithTheProblemCode() {
        String body = body(PUBLIC_URL, "[\"*\"]");

        assertThat(rawPost("Idempotency-Key: hook\u0001one\r\n", body))
                .startsWith("HTTP/1.1 400").contains("\"code\":\"IDEMPOTENCY_KEY_INVALID\"");
        assertThat(rawPost("Idempotency-Key: hook-1\r\nIdempotency-Key: hook-2\r\n", body))
                .startsWith("HTTP/1.1 400").contains("\"code\":\"IDEMPOTENCY_KEY_INVALID\"");
        assertThat(rawPost("Idempotency-Key: hook-" + UUID.randomUUID() + "\r\n", body)).startsWith("HTTP/1.1 201");
    }

    private String rawPost(String keyHeaders, String body) {
        try (var socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            var out = socket.getOutputStream();
            out.write(("POST /api/v1/webhooks HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + NotificationTestEnvironment.KEYS.defaultKey().key() + "\r\n"
                    + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " + content.length
                    + "\r\n" + keyHeaders + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data",
            "http://[::1]/hook", "ftp://93.184.216.34/x"})
    void refusesPrivateAddressesAndOtherSchemes(String url) {
        var refused = api.post("/api/v1/webhooks", UUID.randomUUID().toString(), body(url, "[\"*\"]"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.text("field")).isEqualTo("url");
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"transfer.exploded\"]", "[]", "\"transfer.posted\"", "[42]"})
    void refusesUnknownOrMissingEventTypes(String eventTypes) {
        var refused = api.post("/api/v1/webhooks", UUID.randomUUID().toString(), body(PUBLIC_URL, eventTypes));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.text("field")).isEqualTo("eventTypes");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"url\":5,\"eventTypes\":[\"*\"]}                                  | url",
            "{\"url\":[\"https://93.184.216.34/h\"],\"eventTypes\":[\"*\"]}       | url",
            "{\"url\":\"https://93.184.216.34/h\",\"eventTypes\":\"*\"}             | eventTypes",
            "{\"url\":\"https://93.184.216.34/h\",\"eventTypes\":[true]}            | eventTypes",
            "{\"url\":\"https://93.184.216.34/h\",\"eventTypes\":[\"*\"],\"description\":7} | description",
            "{\"eventTypes\":[\"*\"]}                                          | url"})
    void refusesAFieldOfTheWrongJsonTypeInsteadOfCoercingIt(String body, String field) {
        var refused = api.post("/api/v1/webhooks", UUID.randomUUID().toString(), body);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.text("field")).isEqualTo(field);
        assertThat(api.get("/api/v1/webhooks").json().get("items").toString()).doesNotContain("93.184.216.34/h\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1,2]", "\"a string\""})
    void refusesABodyThatIsNotAJsonObject(String body) {
        var refused = api.post("/api/v1/webhooks", UUID.randomUUID().toString(), body);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void reportsHealthWithMongodbAndServesPrometheus() {
        var health = api.get("/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().at("/details/mongodb/status").asText()).isEqualTo("UP");
        assertThat(api.get("/prometheus").status()).isEqualTo(200);
    }
}
