package dev.polyledger.ledger.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polyledger.ledger.testing.LedgerClient;
import dev.polyledger.ledger.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzed input through the HTTP layer of one api-node in-process (real PostgreSQL and Redis, as the other ITs),
 * property-based with jqwik (issue 14, item 2). For every generated request body and query parameter: never a 5xx;
 * every refusal is {@code application/problem+json} with a stable {@code code}; a refusal writes nothing (rows of
 * {@code account}, {@code transfer}, {@code entry}, {@code hold} counted before and after). The inputs: JSON numbers
 * and odd texts as amounts, values of the wrong type, duplicate keys, deep nesting, huge strings, invalid UTF-8 and
 * random bytes. Tries are bounded so that the class runs in well under a minute.
 */
class FuzzedInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static EmbeddedServer server;
    private static String alice;
    private static String bob;
    /** Answers seen, by "status code": the control that the inputs reached validation and the ledger. */
    private static final java.util.Map<String, Integer> seen = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeContainer
    static void start() {
        TestDatabase.recreateOnce();
        server = ApplicationContext.run(EmbeddedServer.class, Environment.TEST);
        var api = new LedgerClient(server.getURL().toString());
        alice = api.openAccount("USD");
        bob = api.openAccount("USD");
        assertThat(api.credit(alice, "100.00").status()).isEqualTo(201);
    }

    @AfterContainer
    static void stop() {
        System.out.println("FuzzedInputIT answers: " + seen);
        try {
            assertThat(seen.keySet()).as("answers seen: " + seen)
                    .anyMatch(answer -> answer.startsWith("201"))
                    .anyMatch(answer -> answer.startsWith("400 "));
        } finally {
            if (server != null) {
                server.getApplicationContext().close();
            }
        }
    }

    // --- Properties ------------------------------------------------------------------------------------------

    @Property(tries = 250)
    void aTransferBodyIsNeverA5xxAndARefusalWritesNothing(@ForAll("transferBodies") byte[] body) throws Exception {
        check("POST", "/api/v1/transfers", body);
    }

    @Property(tries = 150)
    void aCreditBodyIsNeverA5xxAndARefusalWritesNothing(@ForAll("creditBodies") byte[] body) throws Exception {
        check("POST", "/api/v1/accounts/" + alice + "/credits", body);
    }

    @Property(tries = 100)
    void anAccountBodyIsNeverA5xxAndARefusalWritesNothing(@ForAll("accountBodies") byte[] body) throws Exception {
        check("POST", "/api/v1/accounts", body);
    }

    @Property(tries = 150)
    void queryParametersAreNeverA5xx(@ForAll("queries") String pathAndQuery) throws Exception {
        check("GET", pathAndQuery, null);
    }

    // --- Generators --------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<byte[]> transferBodies() {
        Arbitrary<String> objects = Combinators.combine(values(), values(), values(), values())
                .as((source, destination, amount, currency) -> "{\"sourceAccountId\":" + source
                        + ",\"destinationAccountId\":" + destination + ",\"amount\":" + amount + ",\"currency\":"
                        + currency + "}");
        Arbitrary<String> amounts = amounts().map(amount -> "{\"sourceAccountId\":\"" + alice
                + "\",\"destinationAccountId\":\"" + bob + "\",\"amount\":" + amount + ",\"currency\":\"USD\"}");
        Arbitrary<String> duplicates = amounts().map(amount -> "{\"sourceAccountId\":\"" + alice
                + "\",\"destinationAccountId\":\"" + bob + "\",\"amount\":\"0.01\",\"currency\":\"USD\",\"amount\":"
                + amount + "}");
        return bodies(Arbitraries.oneOf(objects, amounts, duplicates));
    }

    @Provide
    Arbitrary<byte[]> creditBodies() {
        Arbitrary<String> objects = Combinators.combine(amounts(), values())
                .as((amount, reference) -> "{\"amount\":" + amount + ",\"reference\":" + reference + "}");
        Arbitrary<String> metadata = values().map(value -> "{\"amount\":\"0.01\",\"metadata\":" + value + "}");
        return bodies(Arbitraries.oneOf(objects, metadata));
    }

    @Provide
    Arbitrary<byte[]> accountBodies() {
        return bodies(values().map(currency -> "{\"currency\":" + currency + "}"));
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Arbitraries.of("-1", "0", "1", "500", "501", "2147483648", "1e3", "", "%00", "null", "[]"),
                Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(30));
        Arbitrary<String> paths = Arbitraries.of(
                "/api/v1/accounts/" + alice + "/entries?limit=%s&cursor=%s",
                "/api/v1/accounts/" + alice + "/holds?status=%s&limit=%s",
                "/api/v1/accounts/" + alice + "/balance?asOf=%s&x=%s",
                "/api/v1/accounts/%s/entries?limit=%s",
                "/api/v1/transfers/%s?x=%s");
        return Combinators.combine(paths, text, text).as((path, a, b) -> String.format(path, encode(a), encode(b)));
    }

    /** JSON texts for an amount: numbers of every form, texts, wrong types. */
    private static Arbitrary<String> amounts() {
        return Arbitraries.oneOf(
                Arbitraries.bigDecimals().map(n -> n.toString()),
                Arbitraries.bigDecimals().map(n -> "\"" + n.toPlainString() + "\""),
                Arbitraries.doubles().map(d -> Double.toString(d)),
                Arbitraries.of("1e309", "-1e309", "1E-400", "\"1e2\"", "\"NaN\"", "\"Infinity\"", "-0", "\"-0.00\"",
                        "\"0.001\"", "\"00.10\"", "\" 1.00\"", "\"1,00\"", "\"+1.00\"", "99999999999999999999999999999",
                        "\"99999999999999999999999999999999999999.99\"", "true", "null", "[]", "{}", "[\"1.00\"]",
                        "{\"value\":\"1.00\"}"),
                Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(400)
                        .map(digits -> "\"" + digits + ".01\""));
    }

    /** Any JSON value, often of the wrong type or shape. */
    private static Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.of("null", "true", "0", "-1", "1.5", "[]", "{}", "\"\"", "\"USD\"", "\"usd\"",
                        "\"\\u0000\"", "\"\\ud800\"", "\"" + UUID.randomUUID() + "\""),
                Arbitraries.strings().ofMaxLength(60).map(FuzzedInputIT::quote),
                Arbitraries.integers().between(1, 5000).map(depth -> "[".repeat(depth) + "]".repeat(depth)),
                Arbitraries.integers().between(1, 2000).map(depth -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)),
                Arbitraries.integers().between(1_000, 300_000).map(length -> "\"" + "x".repeat(length) + "\""));
    }

    /** The texts as UTF-8, sometimes truncated or with invalid bytes, and random bytes. */
    private static Arbitrary<byte[]> bodies(Arbitrary<String> texts) {
        Arbitrary<byte[]> utf8 = texts.map(text -> text.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> corrupted = Combinators.combine(utf8, Arbitraries.bytes().array(byte[].class).ofMinSize(1)
                .ofMaxSize(4), Arbitraries.integers().between(0, 100)).as((bytes, junk, percent) -> {
                    int at = bytes.length * percent / 100;
                    byte[] out = new byte[bytes.length + junk.length];
                    System.arraycopy(bytes, 0, out, 0, at);
                    System.arraycopy(junk, 0, out, at, junk.length);
                    System.arraycopy(bytes, at, out, at + junk.length, bytes.length - at);
                    return out;
                });
        Arbitrary<byte[]> invalidUtf8 = utf8.map(bytes -> {
            byte[] out = bytes.clone();
            if (out.length > 2) {
                out[out.length / 2] = (byte) 0xC3; // a lead byte followed by a non-continuation byte
                out[out.length / 2 + 1] = (byte) 0x28;
            }
            return out;
        });
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000);
        Arbitrary<byte[]> truncated = Combinators.combine(utf8, Arbitraries.integers().between(0, 99))
                .as((bytes, percent) -> java.util.Arrays.copyOf(bytes, bytes.length * percent / 100));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, utf8), net.jqwik.api.Tuple.of(1, corrupted),
                net.jqwik.api.Tuple.of(1, invalidUtf8), net.jqwik.api.Tuple.of(1, random),
                net.jqwik.api.Tuple.of(1, truncated));
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    // --- The check -----------------------------------------------------------------------------------------------

    private static void check(String method, String path, byte[] body) throws Exception {
        long before = rows();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + LedgerClient.OPERATOR_KEY)
                .header("Idempotency-Key", UUID.randomUUID().toString());
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String shown = method + " " + abbreviate(path) + " " + abbreviate(body == null ? "" : new String(body,
                StandardCharsets.UTF_8)) + " → " + answer.statusCode() + " " + abbreviate(answer.body());

        assertThat(answer.statusCode()).as("no 5xx: " + shown).isLessThan(500);
        String code = answer.statusCode() >= 400 ? JSON.readTree(answer.body()).path("code").asText() : "";
        seen.merge(answer.statusCode() + " " + code, 1, Integer::sum);
        if (answer.statusCode() >= 400) {
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).as("problem+json: " + shown)
                    .startsWith("application/problem+json");
            assertThat(code).as("a stable code: " + shown).matches("[A-Z][A-Z0-9_]+");
            assertThat(rows()).as("nothing written on refusal: " + shown).isEqualTo(before);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…(" + text.length() + " chars)";
    }

    private static long rows() throws Exception {
        try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT (SELECT count(*) FROM account) + (SELECT count(*) "
                     + "FROM transfer) + (SELECT count(*) FROM entry) + (SELECT count(*) FROM hold)")) {
            result.next();
            return result.getLong(1);
        }
    }
}
