package dev.polyledger.ledger.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polyledger.ledger.domain.LedgerRejection;
import dev.polyledger.ledger.testing.FreshDatabase;
import dev.polyledger.ledger.testing.LedgerClient;
import dev.polyledger.ledger.testing.TestVhost;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.AfterAll;
import dev.polyledger.platform.http.PlatformProblem;
import dev.polyledger.platform.http.auth.AuthProblem;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The platform's OpenAPI document (built by micronaut-openapi, {@code META-INF/swagger/polyledger.yml}, served at
 * {@code /api/v1/openapi.yaml}) against the live api-node, so that the description cannot drift from the code:
 * the document is valid OpenAPI 3 (swagger-parser), holds every service's paths and every problem code, and every
 * request and response of a walk through the API (success paths and the 400/401/403/404/409/422/429 refusals one node
 * can be driven to) validates against it with Atlassian's swagger-request-validator. A response whose status, media
 * type or body the document does not describe fails the test ({@link #aResponseTheDocumentDoesNotDescribeFails}
 * is the positive control).
 */
@ExtendWith(FreshDatabase.class)
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractIT implements TestPropertyProvider {
    /** INDEPENDENT batches go through a queue of this run's own, in the tests' vhost. */
    private static final String QUEUE = "batch-chunks-openapi-it-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCUMENT = "META-INF/swagger/polyledger.yml";
    /** Codes that no operation answers: they belong to no route (404/405), or to every one alike (406, 413, 415, 500). */
    private static final Set<String> ROUTELESS = Set.of("NOT_FOUND", "METHOD_NOT_ALLOWED", "NOT_ACCEPTABLE",
            "REQUEST_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "INTERNAL_ERROR");

    @Inject
    EmbeddedServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private String yaml;
    private OpenAPI document;
    private OpenApiInteractionValidator validator;
    private LedgerClient api;
    private final List<String> failures = new ArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        return Map.of("ledger.rabbitmq.uri", TestVhost.uri(), "ledger.batches.consumer-enabled", "true",
                "ledger.batches.queue", QUEUE);
    }

    @AfterAll
    void deleteQueue() throws Exception {
        TestVhost.deleteQueue(QUEUE);
    }

    @BeforeAll
    void readTheDocument() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DOCUMENT)) {
            assertThat(in).as(DOCUMENT + " on the classpath").isNotNull();
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var options = new ParseOptions();
        options.setResolve(true);
        // Inline every $ref (responses, parameters) but keep allOf, where each response narrows the problem code.
        options.setResolveFully(true);
        options.setResolveCombinators(false);
        var parsed = new OpenAPIV3Parser().readContents(yaml, null, options);
        assertThat(parsed.getMessages()).as("swagger-parser's messages").isEmpty();
        document = parsed.getOpenAPI();
        var forValidation = new OpenAPIV3Parser().readContents(yaml, null, options).getOpenAPI();
        forValidation.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            operation.getResponses().values().forEach(response -> mergeAllOf(response.getContent()));
            if (operation.getRequestBody() != null) {
                mergeAllOf(operation.getRequestBody().getContent());
            }
        }));
        validator = OpenApiInteractionValidator.createFor(forValidation).build();
    }

    @BeforeEach
    void client() {
        api = new LedgerClient(server.getURL().toString());
        failures.clear();
    }

    @Test
    void isOneDocumentOfEveryServiceWithTheBearerKey() {
        assertThat(document.getOpenapi()).startsWith("3.0");
        assertThat(document.getPaths().keySet()).contains(
                "/api/v1/accounts", "/api/v1/accounts/{id}", "/api/v1/accounts/{id}/entries",
                "/api/v1/accounts/{id}/balance", "/api/v1/accounts/{id}/credits", "/api/v1/accounts/{id}/debits",
                "/api/v1/accounts/{id}/freeze", "/api/v1/accounts/{id}/holds", "/api/v1/transfers",
                "/api/v1/transfers/{id}", "/api/v1/transfers/{id}/refunds", "/api/v1/holds", "/api/v1/holds/{id}/post",
                "/api/v1/holds/{id}/void", "/api/v1/batches", "/api/v1/batches/{id}/items",
                // platform-http, audit-worker, notification-worker
                "/api/v1/api-keys", "/api/v1/api-keys/{id}", "/api/v1/tenants", "/api/v1/audit/events",
                "/api/v1/audit/transfers/{id}", "/api/v1/audit/reconciliation", "/api/v1/audit/rebuild", "/api/v1/webhooks", "/api/v1/webhooks/{id}/rotate-secret",
                "/api/v1/webhooks/{id}/deliveries");
        assertThat(document.getComponents().getSecuritySchemes().get("apiKey").getScheme()).isEqualTo("bearer");
        assertThat(document.getSecurity()).anySatisfy(requirement -> assertThat(requirement).containsKey("apiKey"));
        var operationIds = new ArrayList<String>();
        document.getPaths().values().forEach(item -> item.readOperations()
                .forEach(operation -> operationIds.add(operation.getOperationId())));
        assertThat(operationIds).doesNotHaveDuplicates().doesNotContainNull();
        document.getPaths().forEach((path, item) -> {
            if (item.getPost() != null && !path.equals("/api/v1/api-keys") && !path.equals("/api/v1/tenants")
                    && !path.endsWith("/rotate-secret")) {
                assertThat(item.getPost().getParameters()).as("POST " + path + " needs an Idempotency-Key")
                        .anySatisfy(p -> assertThat(p.getName()).isEqualTo("Idempotency-Key"));
            }
        });
    }

    /** What NGINX serves as /api/v1/openapi.yaml and /docs comes from the node without a key. */
    @Test
    void servesTheDocumentAndSwaggerUiWithoutAKey() throws Exception {
        var document = get("/docs/polyledger.yml");
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).isEqualTo(yaml);
        var page = get("/docs/index.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("SwaggerUIBundle", "/api/v1/openapi.yaml").doesNotContain("https://");
        for (String asset : List.of("/docs/swagger-ui-bundle.js", "/docs/swagger-ui.css")) {
            assertThat(get(asset).statusCode()).as(asset).isEqualTo(200);
        }
    }

    @Test
    void documentsEveryProblemCodeAsAResponse() {
        var codes = new TreeSet<String>();
        Stream.of(PlatformProblem.values()).map(PlatformProblem::name).forEach(codes::add);
        Stream.of(LedgerRejection.values()).map(Enum::name).forEach(codes::add);
        Stream.of(AuthProblem.UNAUTHENTICATED, AuthProblem.INSUFFICIENT_SCOPE, AuthProblem.RATE_LIMITED,
                AuthProblem.API_KEY_NOT_FOUND, ErrorCode.ACCOUNT_NOT_FOUND, ErrorCode.TRANSFER_NOT_FOUND,
                ErrorCode.HOLD_NOT_FOUND, ErrorCode.BATCH_NOT_FOUND, ErrorCode.BATCH_REJECTED,
                ErrorCode.TRANSACTION_CONFLICT).forEach(code -> codes.add(code.name()));
        codes.addAll(List.of("AUDIT_RECORD_NOT_FOUND", "WEBHOOK_NOT_FOUND"));

        @SuppressWarnings("unchecked")
        List<String> problemCodes = ((Schema<Object>) document.getComponents().getSchemas().get("Problem")
                .getProperties().get("code")).getEnum().stream().map(Object::toString).toList();
        assertThat(problemCodes).containsAll(codes);

        var answered = new TreeSet<String>();
        document.getPaths().values().forEach(item -> item.readOperations().forEach(operation ->
                operation.getResponses().values().forEach(response -> answered.addAll(codesOf(response)))));
        var expected = new TreeSet<>(codes);
        expected.removeAll(ROUTELESS);
        assertThat(answered).containsAll(expected);
    }

    @Test
    void everyRequestAndResponseOfTheLedgerMatchesTheDocument() {
        String alice = created(exchange("POST", "/api/v1/accounts", "{\"currency\":\"USD\",\"ownerId\":\"cust_1\","
                + "\"metadata\":{\"tier\":\"gold\"}}", 201));
        String bob = created(exchange("POST", "/api/v1/accounts", "{\"currency\":\"USD\"}", 201));
        String carol = created(exchange("POST", "/api/v1/accounts", "{\"currency\":\"USD\",\"type\":\"USER\"}", 201));
        exchange("GET", "/api/v1/accounts/" + alice, null, 200);
        exchange("POST", "/api/v1/accounts/" + alice + "/credits", "{\"amount\":\"100\",\"reference\":\"top-up\"}", 201);
        String transfer = created(exchange("POST", "/api/v1/transfers", "{\"sourceAccountId\":\"" + alice
                + "\",\"destinationAccountId\":\"" + bob + "\",\"amount\":\"25.00\",\"currency\":\"USD\","
                + "\"reference\":\"order-991\",\"metadata\":{}}", 201));
        exchange("GET", "/api/v1/transfers/" + transfer, null, 200);
        exchange("POST", "/api/v1/accounts/" + alice + "/debits", "{\"amount\":\"1.5\"}", 201);
        exchange("GET", "/api/v1/accounts/" + alice + "/entries?limit=2", null, 200);
        exchange("GET", "/api/v1/accounts/" + alice + "/balance", null, 200);
        exchange("GET", "/api/v1/accounts/" + alice + "/balance?asOf=2020-01-01T00:00:00Z", null, 200);
        exchange("POST", "/api/v1/transfers/" + transfer + "/refunds", "{\"amount\":\"5\"}", 201);

        String hold = created(exchange("POST", "/api/v1/holds", "{\"sourceAccountId\":\"" + alice
                + "\",\"destinationAccountId\":\"" + bob + "\",\"amount\":\"10\",\"currency\":\"USD\"}", 201));
        exchange("GET", "/api/v1/holds/" + hold, null, 200);
        exchange("GET", "/api/v1/accounts/" + alice + "/holds?status=PENDING", null, 200);
        exchange("POST", "/api/v1/holds/" + hold + "/post", "{\"amount\":\"4\",\"final\":false}", 201);
        exchange("POST", "/api/v1/holds/" + hold + "/void", null, 200);
        exchange("POST", "/api/v1/holds/" + hold + "/void", null, 422);

        exchange("POST", "/api/v1/batches", "{\"mode\":\"ATOMIC\",\"items\":[" + item(alice, bob, "1") + ","
                + item(bob, alice, "2") + "]}", 201);
        String batch = created(exchange("POST", "/api/v1/batches", "{\"mode\":\"INDEPENDENT\",\"items\":["
                + item(alice, bob, "1") + "," + item(carol, bob, "1") + "]}", 202));
        exchange("GET", "/api/v1/batches/" + batch, null, 200);
        exchange("GET", "/api/v1/batches/" + batch + "/items?limit=10", null, 200);
        exchange("POST", "/api/v1/batches", "{\"mode\":\"ATOMIC\",\"items\":[" + item(carol, bob, "1") + "]}", 422);

        exchange("POST", "/api/v1/accounts/" + carol + "/freeze", null, 200);
        exchange("POST", "/api/v1/accounts/" + carol + "/unfreeze", null, 200);
        exchange("POST", "/api/v1/accounts/" + carol + "/close", null, 200);
        exchange("POST", "/api/v1/accounts/" + alice + "/close", null, 422);

        // Refusals: 400, 404, 422 of the ledger.
        exchange("POST", "/api/v1/transfers", "{\"sourceAccountId\":\"" + alice + "\",\"destinationAccountId\":\""
                + bob + "\",\"amount\":25,\"currency\":\"USD\"}", 400);
        exchange("GET", "/api/v1/accounts/" + alice + "/entries?limit=0", null, 400);
        exchange("GET", "/api/v1/accounts/" + UUID.randomUUID(), null, 404);
        exchange("GET", "/api/v1/transfers/" + UUID.randomUUID(), null, 404);
        exchange("GET", "/api/v1/holds/" + UUID.randomUUID(), null, 404);
        exchange("GET", "/api/v1/batches/" + UUID.randomUUID(), null, 404);
        exchange("POST", "/api/v1/transfers", "{\"sourceAccountId\":\"" + alice + "\",\"destinationAccountId\":\""
                + bob + "\",\"amount\":\"1000000\",\"currency\":\"USD\"}", 422);
        exchange("POST", "/api/v1/transfers", "{\"sourceAccountId\":\"" + alice + "\",\"destinationAccountId\":\""
                + alice + "\",\"amount\":\"1\",\"currency\":\"USD\"}", 422);
        exchange("POST", "/api/v1/transfers/" + transfer + "/refunds", "{\"amount\":\"1000\"}", 422);

        // The Idempotency-Key: missing (400), replayed (201 again), reused with another body (422).
        send("POST", "/api/v1/transfers", "{}", 400, Map.of("Authorization", bearer(LedgerClient.OPERATOR_KEY),
                "Content-Type", "application/json"));
        String key = "contract-" + UUID.randomUUID();
        String body = "{\"sourceAccountId\":\"" + alice + "\",\"destinationAccountId\":\"" + bob
                + "\",\"amount\":\"1\",\"currency\":\"USD\"}";
        exchange("POST", "/api/v1/transfers", body, 201, key);
        exchange("POST", "/api/v1/transfers", body, 201, key);
        exchange("POST", "/api/v1/transfers", body.replace("\"1\"", "\"2\""), 422, key);

        assertThat(failures).isEmpty();
    }

    @Test
    void keysTenantsAndTheAuthenticationRefusalsMatchTheDocument() {
        var issued = json(exchange("POST", "/api/v1/api-keys", "{\"name\":\"reader\",\"scopes\":[\"ledger:read\"],"
                + "\"rateLimit\":{\"perSecond\":1,\"burst\":1}}", 201));
        String readerKey = issued.get("key").asText();
        exchange("GET", "/api/v1/api-keys", null, 200);
        exchange("POST", "/api/v1/tenants", "{\"name\":\"contract-" + UUID.randomUUID() + "\"}", 201);

        // 401: no key, and a key that is not one (response only: the request breaks the document on purpose).
        send("GET", "/api/v1/accounts/" + UUID.randomUUID(), null, 401, Map.of());
        send("GET", "/api/v1/accounts/" + UUID.randomUUID(), null, 401, Map.of("Authorization", bearer("plk_nope")));
        // 403: the reader may not post; 429: its bucket of one is empty right after.
        send("POST", "/api/v1/accounts", "{\"currency\":\"USD\"}", 403, Map.of("Authorization", bearer(readerKey),
                "Content-Type", "application/json", "Idempotency-Key", UUID.randomUUID().toString()));
        var statuses = new ArrayList<Integer>();
        for (int i = 0; i < 30 && !statuses.contains(429); i++) {
            statuses.add(sendAny("GET", "/api/v1/accounts/" + UUID.randomUUID(), null,
                    Map.of("Authorization", bearer(readerKey))).statusCode());
        }
        assertThat(statuses).as("a bucket of one, refilled at 1/s").contains(429).allMatch(s -> s == 404 || s == 429);

        exchange("DELETE", "/api/v1/api-keys/" + issued.get("id").asText(), null, 204);
        exchange("DELETE", "/api/v1/api-keys/key_" + UUID.randomUUID(), null, 404);
        exchange("POST", "/api/v1/api-keys", "{\"name\":\"x\",\"scopes\":[\"no:such\"]}", 400);

        assertThat(failures).isEmpty();
    }

    @Test
    void aResponseTheDocumentDoesNotDescribeFails() {
        var request = SimpleRequest.Builder.get("/api/v1/transfers/" + UUID.randomUUID())
                .withAuthorization(bearer(LedgerClient.OPERATOR_KEY)).build();
        var teapot = SimpleResponse.Builder.status(418).withContentType("application/problem+json")
                .withBody("{\"type\":\"x\",\"title\":\"x\",\"status\":418,\"code\":\"VALIDATION_FAILED\"}").build();
        var wrongCode = SimpleResponse.Builder.status(404).withContentType("application/problem+json")
                .withBody("{\"type\":\"x\",\"title\":\"x\",\"status\":404,\"code\":\"HOLD_NOT_FOUND\"}").build();
        var amountAsNumber = SimpleResponse.Builder.status(200).withContentType("application/json")
                .withBody("{\"id\":\"x\",\"amount\":25}").build();

        assertThat(validator.validate(request, teapot).hasErrors()).isTrue();
        assertThat(validator.validate(request, wrongCode).hasErrors()).isTrue();
        assertThat(validator.validate(request, amountAsNumber).hasErrors()).isTrue();
    }

    /** Sends with the operator key (and a fresh Idempotency-Key on a POST), validating request and response. */
    private HttpResponse<String> exchange(String method, String pathAndQuery, String body, int status) {
        return exchange(method, pathAndQuery, body, status, method.equals("POST") ? UUID.randomUUID().toString() : null);
    }

    private HttpResponse<String> exchange(String method, String pathAndQuery, String body, int status, String key) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Authorization", bearer(LedgerClient.OPERATOR_KEY));
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        if (key != null && !pathAndQuery.startsWith("/api/v1/api-keys") && !pathAndQuery.startsWith("/api/v1/tenants")) {
            headers.put("Idempotency-Key", key);
        }
        var response = send(method, pathAndQuery, body, status, headers);
        // A request that breaks the document on purpose (a 400) is judged by its response alone.
        var report = status == 400 ? validator.validateResponse(pathOf(pathAndQuery), Request.Method.valueOf(method),
                toValidatorResponse(response)) : validator.validate(toValidatorRequest(method, pathAndQuery, body, headers),
                toValidatorResponse(response));
        record(method + " " + pathAndQuery + " -> " + response.statusCode(), report);
        return response;
    }

    /** Sends as given; validates the response alone. */
    private HttpResponse<String> send(String method, String pathAndQuery, String body, int status,
                                      Map<String, String> headers) {
        var response = sendAny(method, pathAndQuery, body, headers);
        assertThat(response.statusCode()).as(method + " " + pathAndQuery + ": " + response.body()).isEqualTo(status);
        return response;
    }

    /** Sends as given, whatever the status; validates the response alone. */
    private HttpResponse<String> sendAny(String method, String pathAndQuery, String body, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(URI.create(server.getURL() + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
        record(method + " " + pathAndQuery + " -> " + response.statusCode(), validator.validateResponse(pathOf(pathAndQuery),
                Request.Method.valueOf(method), toValidatorResponse(response)));
        return response;
    }

    private void record(String exchange, ValidationReport report) {
        if (report.hasErrors()) {
            failures.add(exchange + ": " + report.getMessages());
        }
    }

    private static SimpleRequest toValidatorRequest(String method, String pathAndQuery, String body,
                                                    Map<String, String> headers) {
        var builder = new SimpleRequest.Builder(method, pathOf(pathAndQuery));
        headers.forEach(builder::withHeader);
        if (body != null) {
            builder.withBody(body);
        }
        int query = pathAndQuery.indexOf('?');
        if (query >= 0) {
            for (String pair : pathAndQuery.substring(query + 1).split("&")) {
                String[] nameValue = pair.split("=", 2);
                builder.withQueryParam(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
            }
        }
        return builder.build();
    }

    private static SimpleResponse toValidatorResponse(HttpResponse<String> response) {
        var builder = SimpleResponse.Builder.status(response.statusCode());
        response.headers().map().forEach(builder::withHeader);
        if (!response.body().isEmpty()) {
            builder.withBody(response.body());
        }
        return builder.build();
    }

    private static String pathOf(String pathAndQuery) {
        int query = pathAndQuery.indexOf('?');
        return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    }

    /**
     * The validator's JSON Schema engine does not take OpenAPI 3.0's {@code allOf} as written here: it closes each
     * part ({@code additionalProperties: false}), so {@code allOf: [Problem, {code: {enum}}]} refuses every field but
     * {@code code}, and it ignores {@code nullable} beside {@code allOf: [$ref]} (micronaut-openapi's nullable object).
     * Each such schema becomes the one object it means: the parts' properties (later parts narrowing earlier ones,
     * keeping the type), their required fields, and the outer {@code nullable}.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void mergeAllOf(io.swagger.v3.oas.models.media.Content content) {
        if (content != null) {
            content.values().forEach(media -> media.setSchema(merged(media.getSchema())));
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema merged(Schema schema) {
        if (schema == null) {
            return null;
        }
        if (schema.getAllOf() != null) {
            var object = new io.swagger.v3.oas.models.media.ObjectSchema();
            var properties = new LinkedHashMap<String, Schema>();
            var required = new ArrayList<String>();
            for (Schema part : (List<Schema>) schema.getAllOf()) {
                Schema whole = merged(part);
                if (whole.getProperties() != null) {
                    ((Map<String, Schema>) whole.getProperties()).forEach((name, property) -> {
                        Schema earlier = properties.get(name);
                        if (earlier != null && property.getType() == null) {
                            property.setType(earlier.getType());
                        }
                        properties.put(name, property);
                    });
                }
                if (whole.getRequired() != null) {
                    required.addAll(whole.getRequired());
                }
            }
            object.setProperties(properties);
            object.setRequired(required.isEmpty() ? null : required);
            object.setNullable(schema.getNullable());
            return object;
        }
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).replaceAll((name, property) -> merged(property));
        }
        if (schema.getItems() != null) {
            schema.setItems(merged(schema.getItems()));
        }
        return schema;
    }

    /** The codes a response allows: its problem+json schema is {@code allOf: [Problem, {code: {enum: [...]}}]}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Set<String> codesOf(io.swagger.v3.oas.models.responses.ApiResponse response) {
        var codes = new TreeSet<String>();
        if (response.getContent() == null) {
            return codes;
        }
        for (var media : response.getContent().values()) {
            Schema schema = media.getSchema();
            if (schema == null || schema.getAllOf() == null) {
                continue;
            }
            for (Schema part : (List<Schema>) schema.getAllOf()) {
                Map<String, Schema> properties = part.getProperties();
                Schema code = properties == null ? null : properties.get("code");
                if (code != null && code.getEnum() != null) {
                    for (Object value : code.getEnum()) {
                        codes.add(value.toString());
                    }
                }
            }
        }
        return codes;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String item(String source, String destination, String amount) {
        return "{\"sourceAccountId\":\"" + source + "\",\"destinationAccountId\":\"" + destination
                + "\",\"amount\":\"" + amount + "\",\"currency\":\"USD\"}";
    }

    private static String created(HttpResponse<String> response) {
        return json(response).get("id").asText();
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }

    private static String bearer(String key) {
        return "Bearer " + key;
    }
}
