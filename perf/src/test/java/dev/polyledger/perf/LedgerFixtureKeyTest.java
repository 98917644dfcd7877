package dev.polyledger.perf;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LedgerFixture} against an in-process stand-in of the ledger API (the JDK's HttpServer on a random port)
 * that accepts exactly one bearer key: every /api/v1 request carries it, and a refused key stops the setup at
 * once with what to do, never with the key.
 */
class LedgerFixtureKeyTest {

    private static final String KEY = "plk_fixture-test-key-0123456789abcdefghijklmnop";

    @TempDir
    Path cacheDir;

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> accounts = new ConcurrentHashMap<>();
    private HttpServer server;

    private String start(String acceptedKey) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> answer(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/api/v1/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(authorization));
            if (!("Bearer " + acceptedKey).equals(authorization)) {
                answer(exchange, 401, "{\"code\":\"UNAUTHENTICATED\",\"status\":401}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("POST") && path.equals("/api/v1/accounts")) {
                String id = UUID.randomUUID().toString();
                accounts.put(id, true);
                answer(exchange, 201, "{\"id\":\"" + id + "\",\"currency\":\"USD\"}");
            } else if (method.equals("POST") && path.endsWith("/credits")) {
                answer(exchange, 201, "{\"id\":\"" + UUID.randomUUID() + "\",\"kind\":\"CREDIT\"}");
            } else {
                answer(exchange, 404, "{\"code\":\"ACCOUNT_NOT_FOUND\",\"status\":404}");
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private LedgerFixture fixture(String baseUrl, String key) {
        return new LedgerFixture(baseUrl, key, 3, 2, "USD", "1000.00", false, cacheDir);
    }

    @Test
    void everyApiRequestOfTheSetupCarriesTheBearerKey() throws IOException {
        String baseUrl = start(KEY);

        List<String> ids = fixture(baseUrl, KEY).ensureAccounts();

        assertEquals(3, ids.size());
        assertEquals(accounts.keySet(), new HashSet<>(ids));
        // the key check, then 3 x (create + fund)
        assertEquals(1 + 3 * 2, authorizations.size());
        assertTrue(authorizations.stream().allMatch(("Bearer " + KEY)::equals), authorizations.toString());
    }

    @Test
    void aRefusedKeyStopsTheSetupBeforeAnyAccountIsMadeAndIsNeverShown() throws IOException {
        String baseUrl = start(KEY);
        String wrongKey = "plk_not-this-cluster-key-0123456789abcdefghijkl";

        var e = assertThrows(LedgerFixture.SetupException.class, () -> fixture(baseUrl, wrongKey).ensureAccounts());

        assertTrue(e.getMessage().contains("401"), e.getMessage());
        assertTrue(e.getMessage().contains("LEDGER_API_KEY"), e.getMessage());
        assertFalse(e.getMessage().contains(wrongKey), e.getMessage());
        assertTrue(accounts.isEmpty(), "no account may be created with a refused key");
        assertEquals(1, authorizations.size(), "only the key check was sent");
    }

    @Test
    void aKeyWithoutTheScopesIsNamedAsSuch() {
        assertTrue(LedgerFixture.keyProblem(403).contains("ledger:write"));
        assertEquals(null, LedgerFixture.keyProblem(404));
        assertEquals(null, LedgerFixture.keyProblem(200));
    }
}
