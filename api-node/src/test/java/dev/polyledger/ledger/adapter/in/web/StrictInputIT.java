package dev.polyledger.ledger.adapter.in.web;

import static dev.polyledger.ledger.testing.LedgerClient.transferBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.ledger.testing.FreshDatabase;
import dev.polyledger.ledger.testing.LedgerClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a probe of the live cluster found lenient on the money endpoints (issue 9, item 7), each refused now with
 * a 400/415 problem and nothing booked: duplicate keys, NUL and lone surrogates, values of another JSON type,
 * anything after the object, bodies not declared as JSON in UTF-8, invalid UTF-8, Idempotency-Keys with control
 * characters. Every refusal is checked against the balance it would have changed.
 */
@ExtendWith(FreshDatabase.class)
@MicronautTest(transactional = false)
class StrictInputIT {
    @Inject
    EmbeddedServer server;
    LedgerClient api;
    String alice;
    String bob;

    @BeforeEach
    void twoAccountsWithMoney() {
        api = new LedgerClient(server.getURL().toString());
        alice = api.openAccount("USD");
        bob = api.openAccount("USD");
        assertThat(api.credit(alice, "100.00").status()).isEqualTo(201);
    }

    // --- Duplicate keys and the fingerprint ------------------------------------------------------------------

    @Test
    void refusesARepeatedKeyInsteadOfBookingOneAmountAndFingerprintingTheOther() {
        var answer = api.post("/api/v1/transfers", "{\"sourceAccountId\":\"" + alice + "\",\"destinationAccountId\":\""
                + bob + "\",\"amount\":\"0.01\",\"currency\":\"USD\",\"amount\":\"0.02\"}");

        expectInvalid(answer, "amount");
        assertThat(api.balance(alice)).isEqualTo("100.00");
    }

    @Test
    void refusesARepeatedKeyInsideMetadata() {
        var answer = api.post("/api/v1/accounts/" + alice + "/credits",
                "{\"amount\":\"1.00\",\"metadata\":{\"order\":\"1\",\"order\":\"2\"}}");

        expectInvalid(answer, "metadata");
        assertThat(api.balance(alice)).isEqualTo("100.00");
    }

    @Test
    void aReplayNeverAnswersForAnotherAmount() {
        String key = UUID.randomUUID().toString();
        var first = api.post("/api/v1/transfers", transferBody(alice, bob, "0.01", "USD"), key);
        var sameRequest = api.post("/api/v1/transfers", transferBody(alice, bob, "0.01", "USD"), key);
        var otherAmount = api.post("/api/v1/transfers", transferBody(alice, bob, "0.02", "USD"), key);
        var smuggled = api.post("/api/v1/transfers", "{\"sourceAccountId\":\"" + alice + "\",\"destinationAccountId\":\""
                + bob + "\",\"amount\":\"0.01\",\"currency\":\"USD\",\"amount\":\"0.02\"}", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(sameRequest.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(otherAmount.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        expectInvalid(smuggled, "amount");
        assertThat(smuggled.header("Idempotent-Replayed")).isNull();
        assertThat(api.balance(alice)).isEqualTo("99.99");
    }

    // --- Text PostgreSQL cannot store ------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "NUL in reference           | {\"amount\":\"1.00\",\"reference\":\"a\\u0000b\"}           | reference",
            "lone high surrogate        | {\"amount\":\"1.00\",\"reference\":\"x\\ud800\"}            | reference",
            "lone low surrogate         | {\"amount\":\"1.00\",\"reference\":\"\\udc00x\"}            | reference",
            "NUL in a metadata value    | {\"amount\":\"1.00\",\"metadata\":{\"k\":\"\\u0000\"}}      | metadata",
            "surrogate in metadata key  | {\"amount\":\"1.00\",\"metadata\":{\"\\ud83d\":\"v\"}}      | metadata",
            "NUL in a metadata key      | {\"amount\":\"1.00\",\"metadata\":{\"k\\u0000\":\"v\"}}     | metadata"})
    void refusesTextThatCannotBeStored(String kind, String body, String field) {
        var answer = api.post("/api/v1/accounts/" + alice + "/credits", body);

        expectInvalid(answer, field);
        assertThat(api.balance(alice)).isEqualTo("100.00");
    }

    @Test
    void refusesNulInAnOwnerId() {
        expectInvalid(api.post("/api/v1/accounts", "{\"currency\":\"USD\",\"ownerId\":\"cust\\u0000_1\"}"), "ownerId");
    }

    @Test
    void acceptsAPairedSurrogateAndStoresItIntact() {
        var answer = api.post("/api/v1/accounts/" + alice + "/credits",
                "{\"amount\":\"1.00\",\"reference\":\"\\ud83d\\udcb8 payout\"}");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.text("reference")).isEqualTo("\uD83D\uDCB8 payout");
    }

    // --- Declared JSON types -------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"amount\":0.01}", "{\"amount\":5}", "{\"amount\":[\"1.00\"]}", "{\"amount\":{\"v\":\"1\"}}",
            "{\"amount\":true}"})
    void refusesAnAmountThatIsNotAJsonString(String body) {
        expectInvalid(api.post("/api/v1/accounts/" + alice + "/credits", body), "amount");
        expectInvalid(api.post("/api/v1/transfers", "{\"sourceAccountId\":\"" + alice + "\",\"destinationAccountId\":\""
                + bob + "\",\"currency\":\"USD\"," + body.substring(1)), "amount");
        assertThat(api.balance(alice)).isEqualTo("100.00");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"amount\":\"1.00\",\"reference\":5}                | reference",
            "{\"amount\":\"1.00\",\"reference\":true}             | reference",
            "{\"amount\":\"1.00\",\"metadata\":{\"a\":1}}         | metadata",
            "{\"amount\":\"1.00\",\"metadata\":{\"a\":null}}      | metadata",
            "{\"amount\":\"1.00\",\"metadata\":\"a=b\"}           | metadata",
            "{\"amount\":\"1.00\",\"metadata\":[\"a\"]}           | metadata"})
    void refusesAMovementFieldOfAnotherJsonType(String body, String field) {
        expectInvalid(api.post("/api/v1/accounts/" + alice + "/credits", body), field);
        assertThat(api.balance(alice)).isEqualTo("100.00");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"currency\":\"USD\",\"allowNegativeBalance\":1}          | allowNegativeBalance",
            "{\"currency\":\"USD\",\"allowNegativeBalance\":\"true\"}   | allowNegativeBalance",
            "{\"currency\":\"USD\",\"allowNegativeBalance\":\"yes\"}    | allowNegativeBalance",
            "{\"currency\":840}                                           | currency",
            "{\"currency\":\"USD\",\"ownerId\":42}                      | ownerId",
            "{\"currency\":\"USD\",\"type\":[\"USER\"]}                 | type"})
    void refusesAnAccountFieldOfAnotherJsonType(String body, String field) {
        expectInvalid(api.post("/api/v1/accounts", body), field);
    }

    @Test
    void acceptsTheDeclaredTypesAndIgnoresUnknownFields() {
        var account = api.post("/api/v1/accounts",
                "{\"currency\":\"USD\",\"allowNegativeBalance\":true,\"ownerId\":null,\"somethingNew\":[1,{\"x\":2}]}");

        assertThat(account.status()).as(account.toString()).isEqualTo(201);
        assertThat(account.json().get("allowNegativeBalance").asBoolean()).isTrue();
    }

    // --- One object, nothing after it ----------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"amount\":\"1.00\"} x", "{\"amount\":\"1.00\"}{\"amount\":\"2.00\"}",
            "{\"amount\":\"1.00\"}]", "{\"amount\":\"1.00\"},", "{\"amount\":\"1.00\"} \"more\""})
    void refusesAnythingAfterTheObject(String body) {
        expectInvalid(api.post("/api/v1/accounts/" + alice + "/credits", body), "body");
        assertThat(api.balance(alice)).isEqualTo("100.00");
    }

    @Test
    void acceptsWhiteSpaceAfterTheObject() {
        assertThat(api.post("/api/v1/accounts/" + alice + "/credits", "{\"amount\":\"1.00\"} \n\t ").status()).isEqualTo(201);
    }

    // --- Content-Type and UTF-8 ------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/json; charset=ISO-8859-1",
            "application/json;charset=utf-16", "application/jsonp", "application/json; profile=x", "text/json"})
    void refusesABodyNotDeclaredAsJsonInUtf8(String contentType) {
        var answer = api.send(api.request("/api/v1/accounts/" + alice + "/credits")
                .header("Content-Type", contentType)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":\"1.00\"}")));

        expect(answer, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(api.balance(alice)).isEqualTo("100.00");
    }

    @Test
    void refusesABodyWithoutContentType() {
        var answer = api.send(api.request("/api/v1/accounts/" + alice + "/credits")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":\"1.00\"}")));

        expect(answer, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(api.balance(alice)).isEqualTo("100.00");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;Charset=\"UTF-8\""})
    void acceptsJsonWithOrWithoutTheUtf8Charset(String contentType) {
        var answer = api.send(api.request("/api/v1/accounts/" + alice + "/credits")
                .header("Content-Type", contentType)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":\"1.00\",\"reference\":\"caf\u00e9\"}",
                        StandardCharsets.UTF_8)));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.text("reference")).isEqualTo("caf\u00e9");
    }

    @Test
    void refusesInvalidUtf8InsteadOfStoringReplacementCharacters() {
        byte[] prefix = "{\"amount\":\"1.00\",\"reference\":\"caf".getBytes(StandardCharsets.US_ASCII);
        byte[] latin1 = {(byte) 0xE9};                       // 'é' in ISO-8859-1: not UTF-8
        byte[] suffix = "\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[prefix.length + latin1.length + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(latin1, 0, body, prefix.length, latin1.length);
        System.arraycopy(suffix, 0, body, prefix.length + latin1.length, suffix.length);

        var answer = api.send(api.request("/api/v1/accounts/" + alice + "/credits")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        expectInvalid(answer, "body");
        assertThat(api.balance(alice)).isEqualTo("100.00");
    }

    @Test
    void aStatusChangeWithoutBodyNeedsNoContentType() {
        var answer = api.send(api.request("/api/v1/accounts/" + bob + "/freeze")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.text("status")).isEqualTo("FROZEN");
    }

    // --- Idempotency-Key -------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] key bytes {0}")
    @ValueSource(strings = {"61 01 62", "61 7f 62", "01", "7f", "61 09 62", "61 1b 62", "61 c3 a9"})
    void refusesKeysWithControlOrNonAsciiCharacters(String hex) {
        String answer = rawCreditWithKey(bytes(hex));

        assertThat(answer).startsWith("HTTP/1.1 400").contains("\"code\":\"IDEMPOTENCY_KEY_INVALID\"")
                .contains("application/problem+json").contains("X-Request-Id");
        assertThat(api.balance(alice)).isEqualTo("100.00");
    }

    /**
     * HTTP itself (RFC 9110 section 5.5) does not count white space around a field value as part of it: NGINX and
     * the node both hand the key over without it, so on the wire {@code "  k  "} is the key {@code k}. Inside a
     * key a space is kept and significant.
     */
    @Test
    void takesTheKeyAsHttpDefinesItsValueAndKeepsInnerSpaces() {
        String key = "order 991 " + UUID.randomUUID();
        var first = api.post("/api/v1/accounts/" + alice + "/credits", "{\"amount\":\"1.00\"}", key);
        String padded = rawCreditWithKey(("  " + key + " \t").getBytes(StandardCharsets.US_ASCII));
        var innerSpaceDiffers = api.post("/api/v1/accounts/" + alice + "/credits", "{\"amount\":\"1.00\"}",
                key.replace("order 991", "order  991"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(padded).startsWith("HTTP/1.1 201").contains("Idempotent-Replayed: true");
        assertThat(innerSpaceDiffers.status()).isEqualTo(201);
        assertThat(innerSpaceDiffers.header("Idempotent-Replayed")).isNull();
        assertThat(api.balance(alice)).isEqualTo("102.00");
    }

    private String rawCreditWithKey(byte[] key) {
        try (var socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            String body = "{\"amount\":\"1.00\"}";
            var out = socket.getOutputStream();
            out.write(("POST /api/v1/accounts/" + alice + "/credits HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + LedgerClient.OPERATOR_KEY + "\r\n"
                    + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " + body.length()
                    + "\r\nIdempotency-Key: ").getBytes(StandardCharsets.ISO_8859_1));
            out.write(key);
            out.write(("\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String hex) {
        String[] parts = hex.split(" ");
        byte[] result = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            result[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return result;
    }

    private static void expectInvalid(LedgerClient.Answer answer, String field) {
        expect(answer, 400, "VALIDATION_FAILED");
        assertThat(answer.text("field")).as(answer.toString()).isEqualTo(field);
    }

    private static void expect(LedgerClient.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.code()).as(answer.toString()).isEqualTo(code);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }
}
