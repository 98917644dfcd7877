package dev.polyledger.platform.http.auth.it;

import static dev.polyledger.platform.http.auth.it.AuthTestNodes.OPERATOR_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.platform.http.auth.adapter.out.redis.RedisRevocationChannel;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The authentication filter, scopes and the key and tenant API over real HTTP, on the real PostgreSQL and Redis,
 * with two nodes (application contexts) sharing them: revocation on one is seen by the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticationIT {
    private EmbeddedServer nodeA;
    private EmbeddedServer nodeB;
    private URI a;
    private URI b;

    @BeforeAll
    void startTwoNodes() {
        nodeA = AuthTestNodes.start(Map.of());
        nodeB = AuthTestNodes.start(Map.of());
        a = nodeA.getURI();
        b = nodeB.getURI();
        warmUpRateLimiter(a);
        warmUpRateLimiter(b);
    }

    /**
     * Waits until the node's rate limiter answers from Redis: it connects on first use and admits requests unchecked
     * (fail open) until it has, which would take the headers and the 429 out of the tests.
     */
    private static void warmUpRateLimiter(URI node) {
        var created = Http.post(node, "/api/v1/api-keys", OPERATOR_KEY, "{\"name\":\"warm-up\",\"scopes\":[\"ledger:read\"]}");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Http.Answer answer;
        do {
            answer = Http.get(node, "/api/v1/test/read", created.text("key"));
        } while (answer.header("RateLimit") == null && System.nanoTime() < deadline);
        assertThat(answer.header("RateLimit")).as("rate limiter of " + node + " checks: " + answer).isNotNull();
    }

    @AfterAll
    void stop() {
        if (nodeA != null) {
            nodeA.getApplicationContext().close();
        }
        if (nodeB != null) {
            nodeB.getApplicationContext().close();
        }
    }

    /** A key of tenant default created by the operator through the API, with the given scopes (JSON array items). */
    private String key(String scopesJson) {
        var created = Http.post(a, "/api/v1/api-keys", OPERATOR_KEY, "{\"name\":\"it\",\"scopes\":[" + scopesJson + "]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("key");
    }

    private static void assertUnauthenticated(Http.Answer answer, boolean tokenGiven) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.header("WWW-Authenticate")).isEqualTo(tokenGiven
                ? "Bearer realm=\"polyledger\", error=\"invalid_token\"" : "Bearer realm=\"polyledger\"");
        // The request id RequestIdFilter assigned (the test sends none): a UUID.
        assertThat(answer.header("X-Request-Id")).as(answer.toString()).matches("[0-9a-f-]{36}");
    }

    @Test
    void a_request_without_a_key_is_401_with_a_bearer_challenge() {
        assertUnauthenticated(Http.get(a, "/api/v1/test/read", null), false);
    }

    @Test
    void an_unknown_or_malformed_key_is_401_invalid_token() {
        assertUnauthenticated(Http.get(a, "/api/v1/test/read", "plk_" + "A".repeat(43)), true);
        assertUnauthenticated(Http.get(a, "/api/v1/test/read", "not-a-key"), true);
    }

    @Test
    void an_unknown_route_is_401_before_authentication_and_404_after() {
        assertUnauthenticated(Http.get(a, "/api/v1/no-such-route", null), false);

        var found = Http.get(a, "/api/v1/no-such-route", key("\"ledger:read\""));

        assertThat(found.status()).as(found.toString()).isEqualTo(404);
        assertThat(found.code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void no_spelling_of_a_protected_path_reaches_its_route_without_a_key() {
        for (String path : new String[] {"/api/v1/test/read", "/api//v1/test/read", "//api/v1/test/read",
                "/api/v1//test/read", "/api/v1/test/read/", "/api/v1/./test/read", "/api/v2/../v1/test/read",
                "/api/v1/test/%72ead", "/api/%761/test/read", "/%61pi/v1/test/read", "/api/v1/test/read;x=1",
                "/API/v1/test/read", "/api/v1/test/read?x=1", "/api/v1/test/read%2f", "/api/v1%2ftest/read"}) {
            var answer = Http.send(java.net.http.HttpRequest.newBuilder(URI.create(a.toString() + path)).GET());
            assertThat(answer.status()).as(path + " → " + answer).isNotEqualTo(200);
        }
    }

    @Test
    void health_outside_api_v1_needs_no_key() {
        var answer = Http.get(a, "/api/v2-not-filtered", null);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
    }

    @Test
    void a_key_calls_routes_of_its_scopes_as_its_tenant_and_key_id() {
        var created = Http.post(a, "/api/v1/api-keys", OPERATOR_KEY,
                "{\"name\":\"reader\",\"scopes\":[\"ledger:read\"]}");
        String key = created.text("key");

        var answer = Http.get(b, "/api/v1/test/read", key);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.text("tenantId")).isEqualTo("default");
        assertThat(answer.text("keyId")).isEqualTo(created.text("id"));
        assertThat(answer.json().get("operator").asBoolean()).isFalse();
    }

    @Test
    void a_key_without_the_routes_scope_is_403_insufficient_scope() {
        var answer = Http.post(a, "/api/v1/test/write", key("\"ledger:read\""), "{}");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.code()).isEqualTo("INSUFFICIENT_SCOPE");
        assertThat(answer.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"").contains("ledger:write");
        assertThat(answer.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void a_route_without_a_required_scope_is_refused_even_to_the_operator() {
        var answer = Http.get(a, "/api/v1/test/unscoped", OPERATOR_KEY);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.code()).isEqualTo("INSUFFICIENT_SCOPE");
    }

    @Test
    void a_method_scope_takes_precedence_over_the_class_scope() {
        String auditor = key("\"audit:read\"");
        String reader = key("\"ledger:read\"");

        assertThat(Http.get(a, "/api/v1/test/audit", auditor).status()).isEqualTo(200);
        assertThat(Http.get(a, "/api/v1/test/audit", reader).status()).isEqualTo(403);
        assertThat(Http.get(a, "/api/v1/test/audit/ledger", reader).status()).isEqualTo(200);
        assertThat(Http.get(a, "/api/v1/test/audit/ledger", auditor).status()).isEqualTo(403);
    }

    @Test
    void operator_only_routes_refuse_every_other_key() {
        String everything = key("\"ledger:read\",\"ledger:write\",\"audit:read\",\"webhooks:manage\",\"keys:manage\"");

        assertThat(Http.post(a, "/api/v1/test/operator", everything, "{}").code()).isEqualTo("INSUFFICIENT_SCOPE");
        var operator = Http.post(a, "/api/v1/test/operator", OPERATOR_KEY, "{}");
        assertThat(operator.status()).as(operator.toString()).isEqualTo(200);
        assertThat(operator.text("keyId")).isEqualTo("bootstrap");
    }

    @Test
    void a_created_key_is_shown_once_and_listed_by_id_and_prefix_only() {
        var created = Http.post(a, "/api/v1/api-keys", OPERATOR_KEY, "{\"name\":\"ci\",\"scopes\":[\"ledger:read\","
                + "\"ledger:write\"],\"expiresAt\":\"2099-01-01T00:00:00Z\",\"rateLimit\":{\"perSecond\":50,\"burst\":80}}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("id")).matches("key_[a-z2-7]{20}");
        assertThat(created.text("key")).matches("plk_[A-Za-z0-9_-]{43}");
        assertThat(created.text("prefix")).isEqualTo(created.text("key").substring(0, 12));
        assertThat(created.json().get("scopes").toString()).isEqualTo("[\"ledger:read\",\"ledger:write\"]");
        assertThat(created.text("expiresAt")).isEqualTo("2099-01-01T00:00:00Z");
        assertThat(created.json().get("rateLimit").toString()).isEqualTo("{\"perSecond\":50,\"burst\":80}");
        assertThat(created.text("createdAt")).isNotNull();

        var list = Http.get(a, "/api/v1/api-keys", OPERATOR_KEY);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        var listed = list.json().get("items").findParents("id").stream()
                .filter(item -> item.get("id").asText().equals(created.text("id"))).findFirst().orElseThrow();
        assertThat(listed.get("prefix").asText()).isEqualTo(created.text("prefix"));
        assertThat(listed.get("revokedAt").isNull()).isTrue();
        assertThat(listed.has("key")).isFalse();
        assertThat(list.raw().body()).doesNotContain(created.text("key")).doesNotContain("keyHash");
    }

    @Test
    void a_key_cannot_grant_a_scope_it_does_not_hold() {
        String manager = key("\"ledger:read\",\"keys:manage\"");

        var refused = Http.post(a, "/api/v1/api-keys", manager, "{\"name\":\"x\",\"scopes\":[\"ledger:write\"]}");
        var allowed = Http.post(a, "/api/v1/api-keys", manager, "{\"name\":\"x\",\"scopes\":[\"ledger:read\"]}");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("INSUFFICIENT_SCOPE");
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(201);
    }

    @Test
    void key_management_needs_keys_manage() {
        var answer = Http.get(a, "/api/v1/api-keys", key("\"ledger:read\""));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.code()).isEqualTo("INSUFFICIENT_SCOPE");
    }

    @Test
    void invalid_key_requests_are_400_naming_the_field() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("{\"name\":\"x\",\"scopes\":[\"ledger:rule\"]}", "scopes"),
                Map.entry("{\"name\":\"x\",\"scopes\":[]}", "scopes"),
                Map.entry("{\"name\":\"x\"}", "scopes"),
                Map.entry("{\"name\":\"x\",\"scopes\":\"ledger:read\"}", "scopes"),
                Map.entry("{\"name\":5,\"scopes\":[\"ledger:read\"]}", "name"),
                Map.entry("{\"scopes\":[\"ledger:read\"]}", "name"),
                Map.entry("{\"name\":\"x\",\"scopes\":[\"ledger:read\"],\"expiresAt\":\"2020-01-01T00:00:00Z\"}", "expiresAt"),
                Map.entry("{\"name\":\"x\",\"scopes\":[\"ledger:read\"],\"expiresAt\":\"tomorrow\"}", "expiresAt"),
                Map.entry("{\"name\":\"x\",\"scopes\":[\"ledger:read\"],\"expiresAt\":\"+99999-01-01T00:00:00Z\"}",
                        "expiresAt"),
                Map.entry("{\"name\":\"a\\u0000b\",\"scopes\":[\"ledger:read\"]}", "name"),
                Map.entry("{\"name\":\"x\",\"scopes\":[\"ledger:read\"],\"rateLimit\":{\"perSecond\":\"5\",\"burst\":5}}",
                        "rateLimit.perSecond"),
                Map.entry("{\"name\":\"x\",\"scopes\":[\"ledger:read\"],\"rateLimit\":{\"perSecond\":5,\"burst\":0}}",
                        "rateLimit.burst"),
                Map.entry("{\"name\":\"x\",\"name\":\"y\",\"scopes\":[\"ledger:read\"]}", "body"),
                Map.entry("{\"name\":\"x\",\"scopes\":[\"ledger:read\"]} {}", "body"),
                Map.entry("[1]", "body"));
        cases.forEach((body, field) -> {
            var answer = Http.post(a, "/api/v1/api-keys", OPERATOR_KEY, body);
            assertThat(answer.status()).as(body + " → " + answer).isEqualTo(400);
            assertThat(answer.code()).as(body).isEqualTo("VALIDATION_FAILED");
            assertThat(answer.text("field")).as(body).isEqualTo(field);
        });
    }

    @Test
    void a_key_request_that_is_not_json_is_415() {
        var answer = Http.send(java.net.http.HttpRequest.newBuilder(a.resolve("/api/v1/api-keys"))
                .header("Authorization", "Bearer " + OPERATOR_KEY).header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"scopes\":[\"ledger:read\"]}")));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(415);
    }

    @Test
    void a_wrong_method_on_a_known_route_is_401_before_authentication_and_405_after() {
        assertUnauthenticated(Http.delete(a, "/api/v1/test/read", null), false);

        assertThat(Http.delete(a, "/api/v1/test/read", OPERATOR_KEY).status()).isEqualTo(405);
    }

    @Test
    void tenants_are_created_by_the_operator_only_and_see_only_their_own_keys() {
        String everything = key("\"ledger:read\",\"ledger:write\",\"audit:read\",\"webhooks:manage\",\"keys:manage\"");
        var refused = Http.post(a, "/api/v1/tenants", everything, "{\"name\":\"acme\"}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("INSUFFICIENT_SCOPE");

        var tenant = Http.post(a, "/api/v1/tenants", OPERATOR_KEY, "{\"name\":\"acme\"}");

        assertThat(tenant.status()).as(tenant.toString()).isEqualTo(201);
        assertThat(tenant.text("id")).matches("ten_[a-z2-7]{20}");
        assertThat(tenant.text("name")).isEqualTo("acme");
        String acmeKey = tenant.json().get("apiKey").get("key").asText();
        assertThat(tenant.json().get("apiKey").get("scopes")).hasSize(5);
        var asAcme = Http.get(b, "/api/v1/test/read", acmeKey);
        assertThat(asAcme.text("tenantId")).isEqualTo(tenant.text("id"));

        var acmeKeys = Http.get(a, "/api/v1/api-keys", acmeKey);
        assertThat(acmeKeys.json().get("items")).hasSize(1);
        assertThat(acmeKeys.json().get("items").get(0).get("id").asText())
                .isEqualTo(tenant.json().get("apiKey").get("id").asText());
    }

    @Test
    void another_tenants_key_cannot_be_revoked_and_answers_like_an_unknown_id() {
        var tenant = Http.post(a, "/api/v1/tenants", OPERATOR_KEY, "{\"name\":\"globex\"}");
        String acmeKey = tenant.json().get("apiKey").get("key").asText();
        var defaultKey = Http.post(a, "/api/v1/api-keys", OPERATOR_KEY, "{\"name\":\"victim\",\"scopes\":[\"ledger:read\"]}");

        var crossTenant = Http.delete(a, "/api/v1/api-keys/" + defaultKey.text("id"), acmeKey);
        var unknown = Http.delete(a, "/api/v1/api-keys/key_aaaaaaaaaaaaaaaaaaaa", acmeKey);

        assertThat(crossTenant.status()).as(crossTenant.toString()).isEqualTo(404);
        assertThat(crossTenant.code()).isEqualTo("API_KEY_NOT_FOUND");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(crossTenant.raw().body()).isEqualTo(unknown.raw().body());
        assertThat(Http.delete(a, "/api/v1/api-keys/%00", acmeKey).code()).isEqualTo("API_KEY_NOT_FOUND");
        assertThat(Http.get(a, "/api/v1/test/read", defaultKey.text("key")).status()).isEqualTo(200);
    }

    @Test
    void a_revoked_key_is_refused_at_once_on_its_node_and_within_5_s_on_another_that_had_it_cached() throws Exception {
        awaitSubscribed(nodeB);
        var created = Http.post(a, "/api/v1/api-keys", OPERATOR_KEY, "{\"name\":\"leaked\",\"scopes\":[\"ledger:read\"]}");
        String key = created.text("key");
        // Control: node B accepts the key (and caches it) before the revocation.
        assertThat(Http.get(b, "/api/v1/test/read", key).status()).isEqualTo(200);
        assertThat(Http.get(a, "/api/v1/test/read", key).status()).isEqualTo(200);

        var revoked = Http.delete(a, "/api/v1/api-keys/" + created.text("id"), OPERATOR_KEY);
        long revokedAt = System.nanoTime();

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
        assertUnauthenticated(Http.get(a, "/api/v1/test/read", key), true);
        Http.Answer onB;
        do {
            onB = Http.get(b, "/api/v1/test/read", key);
        } while (onB.status() == 200 && System.nanoTime() - revokedAt < Duration.ofSeconds(6).toNanos());
        Duration seenAfter = Duration.ofNanos(System.nanoTime() - revokedAt);
        assertUnauthenticated(onB, true);
        assertThat(seenAfter).isLessThan(Duration.ofSeconds(5));
        // Node B's cache lives 5 s: being refused much sooner is the Redis broadcast at work.
        assertThat(seenAfter).isLessThan(Duration.ofMillis(2_500));

        var listed = Http.get(a, "/api/v1/api-keys", OPERATOR_KEY).json().get("items").findParents("id").stream()
                .filter(item -> item.get("id").asText().equals(created.text("id"))).findFirst().orElseThrow();
        assertThat(listed.get("revokedAt").isNull()).isFalse();
        assertThat(Http.delete(a, "/api/v1/api-keys/" + created.text("id"), OPERATOR_KEY).status()).isEqualTo(204);
    }

    @Test
    void a_key_is_refused_once_it_expires_even_while_cached() throws Exception {
        Instant expiresAt = Instant.now().plusMillis(1_500);
        var created = Http.post(a, "/api/v1/api-keys", OPERATOR_KEY, "{\"name\":\"short\",\"scopes\":[\"ledger:read\"],"
                + "\"expiresAt\":\"" + expiresAt + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String key = created.text("key");
        assertThat(Http.get(a, "/api/v1/test/read", key).status()).isEqualTo(200);

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis() + 50));

        assertUnauthenticated(Http.get(a, "/api/v1/test/read", key), true);
    }

    @Test
    void a_key_expired_in_the_database_is_refused() throws Exception {
        var created = Http.post(a, "/api/v1/api-keys", OPERATOR_KEY, "{\"name\":\"old\",\"scopes\":[\"ledger:read\"]}");
        try (var c = AuthTestNodes.connect(); var st = c.prepareStatement(
                "UPDATE auth.api_key SET created_at = now() - interval '2 days', expires_at = now() - interval '1 day' "
                        + "WHERE id = ?")) {
            st.setString(1, created.text("id"));
            assertThat(st.executeUpdate()).isEqualTo(1);
        }

        assertUnauthenticated(Http.get(b, "/api/v1/test/read", created.text("key")), true);
    }

    @Test
    void authenticated_answers_carry_the_rate_limit_headers_and_an_empty_bucket_is_429() {
        var created = Http.post(a, "/api/v1/api-keys", OPERATOR_KEY, "{\"name\":\"slow\",\"scopes\":[\"ledger:read\"],"
                + "\"rateLimit\":{\"perSecond\":1,\"burst\":2}}");
        String key = created.text("key");

        var first = Http.get(a, "/api/v1/test/read", key);
        var refusedScope = Http.post(a, "/api/v1/test/write", key, "{}");
        var third = Http.get(a, "/api/v1/test/read", key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("RateLimit-Policy")).isNotBlank();
        assertThat(first.header("RateLimit")).isNotBlank();
        assertThat(refusedScope.status()).isEqualTo(403);
        assertThat(refusedScope.header("RateLimit")).isNotBlank();
        assertThat(third.status()).as(third.toString()).isEqualTo(429);
        assertThat(third.code()).isEqualTo("RATE_LIMITED");
        assertThat(third.header("Retry-After")).isEqualTo("1");
        assertThat(third.header("RateLimit")).isNotBlank();
        assertThat(Http.get(a, "/api/v1/test/read", null).header("RateLimit")).isNull();

        // Errors after authentication carry them too: an unknown route, a refusal by a controller.
        String manager = key("\"keys:manage\"");
        var notFound = Http.get(a, "/api/v1/no-such-route", manager);
        var invalid = Http.post(a, "/api/v1/api-keys", manager, "{\"name\":5}");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.header("RateLimit")).as(notFound.toString()).isNotBlank();
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.header("RateLimit")).as(invalid.toString()).isNotBlank();
    }

    private static void awaitSubscribed(EmbeddedServer node) throws InterruptedException {
        var channel = node.getApplicationContext().getBean(RedisRevocationChannel.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!channel.subscribed() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(channel.subscribed()).as("node subscribed to revocations").isTrue();
    }
}
