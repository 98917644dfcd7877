package dev.polyledger.notification;

import dev.polyledger.platform.testing.TenantEvents;
import dev.polyledger.notification.testing.NotificationTestEnvironment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polyledger.notification.testing.Api;
import dev.polyledger.notification.testing.IndependentSignature;
import dev.polyledger.notification.testing.Receiver;
import dev.polyledger.notification.testing.TestBroker;
import dev.polyledger.platform.http.auth.Scope;
import dev.polyledger.platform.testing.Events;
import dev.polyledger.platform.testing.TestTenants;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Webhooks of two tenants, acme and globex, each with a {@code webhooks:manage} key: neither sees, deletes, rotates nor
 * reads the deliveries of the other's subscriptions (404 exactly like an unknown id); an event goes only to its own
 * tenant's subscriptions; the same Idempotency-Key in both tenants makes two subscriptions; a rotated secret signs
 * beside the new one for the overlap ({@code notification.secret-rotation.overlap}, 4 s here), then only the new one
 * signs, each signature checked by an independent HMAC. Without a key: 401; without the scope: 403.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantWebhooksIT implements TestPropertyProvider {
    private static final Duration WITHIN = Duration.ofSeconds(15);
    private static final Duration OVERLAP = Duration.ofSeconds(4);
    private final TestBroker broker = new TestBroker();

    @Inject
    EmbeddedServer server;
    TestTenants.TestTenant acme, globex;
    Api asAcme, asGlobex;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = NotificationTestEnvironment.properties("notification_it_tenants");
        properties.put("notification.allow-private-urls", "true");
        properties.put("notification.retry.schedule", "100ms,200ms,300ms");
        properties.put("notification.dispatch.interval", "50ms");
        properties.put("notification.secret-rotation.overlap", OVERLAP.toMillis() + "ms");
        return properties;
    }

    @BeforeAll
    void tenants() {
        acme = NotificationTestEnvironment.KEYS.newTenant(Scope.WEBHOOKS_MANAGE);
        globex = NotificationTestEnvironment.KEYS.newTenant(Scope.WEBHOOKS_MANAGE);
        asAcme = new Api(server.getURL().toString(), acme.key());
        asGlobex = new Api(server.getURL().toString(), globex.key());
    }

    @AfterAll
    void closeBroker() throws Exception {
        broker.close();
    }

    /** Publishes a transfer.posted of the tenant; returns the body as published. */
    private String publishTransfer(String tenantId) {
        UUID eventId = UUID.randomUUID();
        String body = TenantEvents.of(tenantId, null, Events.transferPosted(eventId, UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), Instant.now()));
        broker.publish("transfer.posted", eventId.toString(), body);
        return body;
    }


    private static Receiver.Received awaitOne(Receiver receiver, String eventId) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (receiver.receivedFor(eventId).isEmpty() && System.nanoTime() < deadline) {
            receiver.await(receiver.received().size() + 1, Duration.ofMillis(200));
        }
        List<Receiver.Received> received = receiver.receivedFor(eventId);
        assertThat(received).as("requests of event %s", eventId).hasSize(1);
        return received.get(0);
    }

    /** An independent HMAC-SHA256 per Standard Webhooks: {@code v1,base64(HMAC(key, id.timestamp.body))}. */

    private static List<String> ids(Api.Answer list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static void assertLikeUnknown(Api.Answer foreign, Api.Answer unknown) {
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("WEBHOOK_NOT_FOUND");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("WEBHOOK_NOT_FOUND");
        List<String> foreignFields = new ArrayList<>(), unknownFields = new ArrayList<>();
        foreign.json().fieldNames().forEachRemaining(foreignFields::add);
        unknown.json().fieldNames().forEachRemaining(unknownFields::add);
        assertThat(foreignFields).containsExactlyInAnyOrderElementsOf(unknownFields);
    }

    @Test
    void aTenantNeitherSeesNorTouchesAnotherTenantsSubscription() {
        String id = asAcme.subscribe("https://93.184.216.34/acme", "[\"*\"]").get("id").asText();
        String unknown = "wh_" + UUID.randomUUID().toString().replace("-", "");

        assertThat(ids(asAcme.get("/api/v1/webhooks"))).contains(id);
        assertThat(ids(asGlobex.get("/api/v1/webhooks"))).doesNotContain(id);
        assertLikeUnknown(asGlobex.get("/api/v1/webhooks/" + id), asGlobex.get("/api/v1/webhooks/" + unknown));
        assertLikeUnknown(asGlobex.get("/api/v1/webhooks/" + id + "/deliveries"),
                asGlobex.get("/api/v1/webhooks/" + unknown + "/deliveries"));
        assertLikeUnknown(asGlobex.post("/api/v1/webhooks/" + id + "/rotate-secret", null, ""),
                asGlobex.post("/api/v1/webhooks/" + unknown + "/rotate-secret", null, ""));
        assertLikeUnknown(asGlobex.delete("/api/v1/webhooks/" + id), asGlobex.delete("/api/v1/webhooks/" + unknown));

        assertThat(asAcme.get("/api/v1/webhooks/" + id).status()).as("still there for its owner").isEqualTo(200);
        assertThat(asAcme.delete("/api/v1/webhooks/" + id).status()).isEqualTo(204);
    }

    @Test
    void theSameIdempotencyKeyInTwoTenantsCreatesTwoSubscriptions() {
        String key = "same-key-" + UUID.randomUUID();
        String body = "{\"url\":\"https://93.184.216.34/hook\",\"eventTypes\":[\"*\"]}";

        var ofAcme = asAcme.post("/api/v1/webhooks", key, body);
        var ofGlobex = asGlobex.post("/api/v1/webhooks", key, body);

        assertThat(ofAcme.status()).as(ofAcme.toString()).isEqualTo(201);
        assertThat(ofGlobex.status()).as(ofGlobex.toString()).isEqualTo(201);
        assertThat(ofGlobex.header("Idempotent-Replayed")).isNull();
        assertThat(ofGlobex.text("id")).isNotEqualTo(ofAcme.text("id"));
        assertThat(ofGlobex.text("secret")).isNotEqualTo(ofAcme.text("secret"));
        var replay = asAcme.post("/api/v1/webhooks", key, body);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.text("id")).isEqualTo(ofAcme.text("id"));
        assertThat(asAcme.delete("/api/v1/webhooks/" + ofAcme.text("id")).status()).isEqualTo(204);
        assertThat(asGlobex.delete("/api/v1/webhooks/" + ofGlobex.text("id")).status()).isEqualTo(204);
    }

    @Test
    void anEventGoesToItsOwnTenantsSubscriptionOnly() {
        try (Receiver ofAcme = Receiver.answering(200); Receiver ofGlobex = Receiver.answering(200)) {
            String acmeSubscription = asAcme.subscribe(ofAcme.url(), "[\"*\"]").get("id").asText();
            String globexSubscription = asGlobex.subscribe(ofGlobex.url(), "[\"*\"]").get("id").asText();

            String acmeEvent = Events.eventIdOf(publishTransfer(acme.tenantId()));
            String globexEvent = Events.eventIdOf(publishTransfer(globex.tenantId()));

            awaitOne(ofAcme, acmeEvent);
            awaitOne(ofGlobex, globexEvent);
            assertThat(ofGlobex.receivedFor(acmeEvent)).isEmpty();
            assertThat(ofAcme.receivedFor(globexEvent)).isEmpty();
            assertThat(asGlobex.get("/api/v1/webhooks/" + globexSubscription + "/deliveries").json()
                    .findValuesAsText("eventId")).contains(globexEvent).doesNotContain(acmeEvent);
            assertThat(asAcme.get("/api/v1/webhooks/" + acmeSubscription + "/deliveries").json()
                    .findValuesAsText("eventId")).contains(acmeEvent).doesNotContain(globexEvent);
        } finally {
            ids(asAcme.get("/api/v1/webhooks")).forEach(id -> asAcme.delete("/api/v1/webhooks/" + id));
            ids(asGlobex.get("/api/v1/webhooks")).forEach(id -> asGlobex.delete("/api/v1/webhooks/" + id));
        }
    }

    @Test
    void aRotatedSecretSignsBesideTheNewOneForTheOverlapThenOnlyTheNewOneSigns() throws Exception {
        try (Receiver receiver = Receiver.answering(200)) {
            JsonNode created = asAcme.subscribe(receiver.url(), "[\"transfer.posted\"]");
            String id = created.get("id").asText();
            String oldSecret = created.get("secret").asText();

            var rotated = asAcme.post("/api/v1/webhooks/" + id + "/rotate-secret", null, "");
            assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
            assertThat(rotated.text("id")).isEqualTo(id);
            String newSecret = rotated.text("secret");
            assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
            Instant previousExpiresAt = Instant.parse(rotated.text("previousSecretExpiresAt"));
            assertThat(previousExpiresAt).isBetween(Instant.now().plus(OVERLAP).minusSeconds(2),
                    Instant.now().plus(OVERLAP).plusSeconds(1));
            var read = asAcme.get("/api/v1/webhooks/" + id);
            assertThat(read.json().has("secret")).as(read.toString()).isFalse();

            String during = publishTransfer(acme.tenantId());
            Receiver.Received first = awaitOne(receiver, Events.eventIdOf(during));
            String[] both = first.header("webhook-signature").split(" ");
            String timestamp = first.header("webhook-timestamp");
            String duringId = Events.eventIdOf(during);
            assertThat(both).as("two signatures during the overlap").hasSize(2);
            assertThat(both[0]).isEqualTo(IndependentSignature.of(newSecret, duringId, timestamp, first.body()));
            assertThat(both[1]).isEqualTo(IndependentSignature.of(oldSecret, duringId, timestamp, first.body()));

            Thread.sleep(Math.max(0, Duration.between(Instant.now(), previousExpiresAt).toMillis()) + 300);
            String after = publishTransfer(acme.tenantId());
            Receiver.Received second = awaitOne(receiver, Events.eventIdOf(after));
            String only = second.header("webhook-signature");
            String afterId = Events.eventIdOf(after);
            String afterTimestamp = second.header("webhook-timestamp");
            assertThat(only).as("one signature once the overlap has passed").doesNotContain(" ")
                    .isEqualTo(IndependentSignature.of(newSecret, afterId, afterTimestamp, second.body()))
                    .isNotEqualTo(IndependentSignature.of(oldSecret, afterId, afterTimestamp, second.body()));
        } finally {
            ids(asAcme.get("/api/v1/webhooks")).forEach(id -> asAcme.delete("/api/v1/webhooks/" + id));
        }
    }

    @Test
    void withoutAKeyEveryRouteAnswers401() {
        var anonymous = new Api(server.getURL().toString(), null);

        for (var answer : List.of(anonymous.get("/api/v1/webhooks"),
                anonymous.post("/api/v1/webhooks", "k-" + UUID.randomUUID(),
                        "{\"url\":\"https://93.184.216.34/hook\",\"eventTypes\":[\"*\"]}"),
                anonymous.post("/api/v1/webhooks/wh_x/rotate-secret", null, ""),
                anonymous.delete("/api/v1/webhooks/wh_x"))) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
            assertThat(answer.code()).isEqualTo("UNAUTHENTICATED");
            assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    @Test
    void aKeyWithoutWebhooksManageIsRefused403() {
        var auditOnly = new Api(server.getURL().toString(), NotificationTestEnvironment.KEYS.newKey(acme.tenantId(), Scope.AUDIT_READ,
                Scope.LEDGER_WRITE).key());
        List<String> before = ids(asAcme.get("/api/v1/webhooks"));

        for (var answer : List.of(auditOnly.get("/api/v1/webhooks"),
                auditOnly.post("/api/v1/webhooks", "k-" + UUID.randomUUID(),
                        "{\"url\":\"https://93.184.216.34/hook\",\"eventTypes\":[\"*\"]}"))) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
            assertThat(answer.code()).isEqualTo("INSUFFICIENT_SCOPE");
        }
        assertThat(ids(asAcme.get("/api/v1/webhooks"))).as("nothing created by the refused key")
                .containsExactlyElementsOf(before);
    }
}
