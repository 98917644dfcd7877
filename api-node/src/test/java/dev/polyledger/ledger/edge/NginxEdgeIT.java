package dev.polyledger.ledger.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.polyledger.platform.http.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The entry point's own behaviour, with the real NGINX and the repository's {@code nginx/ledger.conf} rendered as
 * {@code bin/cluster} renders it, in front of a stub upstream this test controls (every replica line points at it).
 * NGINX listens on a free port of its own, never the cluster's. What it checks: only {@code /api/v1/**},
 * {@code /health}, {@code /health/liveness}, {@code /health/readiness} and the OpenAPI document and its viewer
 * ({@code /api/v1/openapi.yaml}, {@code /docs}) reach a service; every error NGINX
 * produces itself (unparseable requests, TRACE, oversized header, URI or body, unreachable upstream) is
 * {@code application/problem+json} with a stable {@code code} and the request id, never HTML.
 *
 * <p>Needs the {@code nginx} binary ({@code LEDGER_NGINX}, else {@code /usr/sbin/nginx} or {@code nginx} on the
 * PATH); the README's test machines install it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxEdgeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path repo = Path.of(System.getProperty("ledger.repo.root", "..")).toAbsolutePath().normalize();
    private final List<String> upstreamSaw = new CopyOnWriteArrayList<>();
    private HttpServer upstream;
    private Path prefix;
    private String nginx;
    private int port;

    private Process nginxProcess;

    @BeforeAll
    void startNginxInFrontOfAStub() throws Exception {
        nginx = nginxBinary();
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", exchange -> {
            upstreamSaw.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
            exchange.getRequestBody().readAllBytes();
            byte[] body;
            int status;
            if (exchange.getRequestURI().getPath().equals("/api/v1/service-refusal")) {
                // The service's own problem must pass through the edge untouched.
                status = 405;
                body = "{\"code\":\"SERVICE_OWN\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            } else {
                status = 200;
                body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        upstream.start();
        int live = upstream.getAddress().getPort();
        int dead = freePort();
        port = freePort();

        prefix = Files.createDirectories(Path.of("target", "nginx-edge-it").toAbsolutePath());
        Files.createDirectories(prefix.resolve("temp"));
        Files.createDirectories(prefix.resolve("logs"));
        render(repo.resolve("nginx/ledger.conf"), prefix.resolve("ledger.conf"), Map.of(
                "LEDGER_HTTP_PORT", "127.0.0.1:" + port,
                "LEDGER_API_NODE_SERVERS", "server 127.0.0.1:" + live + ";",
                "LEDGER_AUDIT_SERVERS", "server 127.0.0.1:" + live + ";",
                // The webhook API's upstream is down: NGINX answers 502 itself.
                "LEDGER_NOTIFICATION_SERVERS", "server 127.0.0.1:" + dead + ";",
                "LEDGER_NGINX_ACCESS_LOG", prefix.resolve("logs/access.log").toString()));
        render(repo.resolve("nginx/nginx.local.conf.template"), prefix.resolve("nginx.conf"), Map.of(
                "LEDGER_NGINX_USER_DIRECTIVE", "root".equals(System.getProperty("user.name")) ? "user root;" : "",
                "LEDGER_NGINX_PID", prefix.resolve("nginx.pid").toString(),
                "LEDGER_NGINX_ERROR_LOG", prefix.resolve("logs/error.log").toString(),
                "LEDGER_NGINX_TEMP_DIR", prefix.resolve("temp").toString()));
        Files.deleteIfExists(prefix.resolve("nginx.pid"));
        // In the foreground ("daemon off;"), as bin/cluster's supervisord runs it: the test owns the process.
        nginxProcess = new ProcessBuilder(nginx, "-p", prefix.toString(), "-c", prefix.resolve("nginx.conf").toString(),
                "-e", prefix.resolve("logs/error.log").toString())
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("logs/nginx.out").toFile())
                .start();
        awaitListening();
    }

    @AfterAll
    void stop() throws Exception {
        if (prefix != null && Files.exists(prefix.resolve("nginx.pid"))) {
            run(nginx, "-p", prefix.toString(), "-c", prefix.resolve("nginx.conf").toString(),
                    "-e", prefix.resolve("logs/error.log").toString(), "-s", "stop");
        }
        if (nginxProcess != null && !nginxProcess.waitFor(10, TimeUnit.SECONDS)) {
            nginxProcess.destroyForcibly();
        }
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    @BeforeEach
    void forgetWhatTheUpstreamSaw() {
        upstreamSaw.clear();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/accounts/abc", "/api/v1/audit/events", "/health", "/health/liveness",
            "/health/readiness"})
    void passesTheApiAndTheThreeHealthPathsToTheServices(String path) throws IOException {
        var answer = send("GET " + path + " HTTP/1.1\r\nHost: edge\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(upstreamSaw).containsExactly("GET " + path);
    }

    /** The OpenAPI document and Swagger UI: public paths served by the api-nodes outside {@code /api/v1/}. */
    @ParameterizedTest
    @CsvSource({"/api/v1/openapi.yaml, /docs/polyledger.yml", "/docs, /docs/index.html",
            "/docs/index.html, /docs/index.html", "/docs/swagger-ui-bundle.js, /docs/swagger-ui-bundle.js"})
    void passesTheOpenApiDocumentAndItsViewerToTheApiNodes(String path, String upstreamPath) throws IOException {
        var answer = send("GET " + path + " HTTP/1.1\r\nHost: edge\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(upstreamSaw).containsExactly("GET " + upstreamPath);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /prometheus", "GET /metrics", "GET /beans", "GET /env", "GET /loggers",
            "GET /routes", "GET /threaddump", "POST /refresh", "GET /flyway", "GET /info", "GET /health/jdbc",
            "GET /health/diskSpace", "GET /api/v1", "GET /api/v1/audit", "GET /index.html", "GET /docsx", "GET /openapi.yaml", "GET /_edge/404", "GET /api/v1/../beans"})
    void answersEverythingElseWithNotFoundAtTheEdge(String request) throws IOException {
        var answer = send(request + " HTTP/1.1\r\nHost: edge\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        assertProblem(answer, 404, "NOT_FOUND");
        assertThat(upstreamSaw).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRACE", "CONNECT", "PROPFIND", "FOO"})
    void refusesTraceAndUnknownMethodsWithMethodNotAllowed(String method) throws IOException {
        var answer = send(method + " /api/v1/accounts HTTP/1.1\r\nHost: edge\r\nConnection: close\r\n\r\n");

        assertProblem(answer, 405, "METHOD_NOT_ALLOWED");
        assertThat(answer.header("Allow")).contains("GET", "POST", "DELETE").doesNotContain("TRACE");
        assertThat(upstreamSaw).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "NUL in the path                  | 400 | MALFORMED_REQUEST",
            "not HTTP                         | 400 | MALFORMED_REQUEST",
            "two Host headers                 | 400 | MALFORMED_REQUEST",
            "no Host header                   | 400 | MALFORMED_REQUEST",
            "control character in a name      | 400 | MALFORMED_REQUEST",
            "Content-Length not a number      | 400 | MALFORMED_REQUEST",
            "Content-Length and chunked       | 400 | MALFORMED_REQUEST",
            "broken chunked body              | 400 | MALFORMED_REQUEST",
            "header too large                 | 431 | REQUEST_HEADER_TOO_LARGE",
            "request line too long            | 414 | URI_TOO_LONG",
            "body over 64 KiB                 | 413 | REQUEST_TOO_LARGE",
            "unknown transfer coding          | 501 | NOT_IMPLEMENTED",
            "HTTP/9                           | 505 | HTTP_VERSION_NOT_SUPPORTED"})
    void answersItsOwnErrorsAsProblemJson(String kind, int status, String code) throws IOException {
        var answer = send(rawRequest(kind));

        assertProblem(answer, status, code);
        assertThat(upstreamSaw).isEmpty();
    }

    @Test
    void answersAnUnreachableUpstreamWithBadGatewayProblemJson() throws IOException {
        var answer = send("GET /api/v1/webhooks HTTP/1.1\r\nHost: edge\r\nX-Request-Id: edge-test-1\r\n"
                + "Connection: close\r\n\r\n");

        assertProblem(answer, 502, "UPSTREAM_UNAVAILABLE");
        assertThat(answer.header("X-Request-Id")).isEqualTo("edge-test-1");
    }

    @Test
    void passesTheServicesOwnErrorsThroughUntouched() throws IOException {
        var answer = send("GET /api/v1/service-refusal HTTP/1.1\r\nHost: edge\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.body()).isEqualTo("{\"code\":\"SERVICE_OWN\"}");
        assertThat(upstreamSaw).containsExactly("GET /api/v1/service-refusal");
    }

    private static String rawRequest(String kind) {
        String end = "Connection: close\r\n\r\n";
        return switch (kind) {
            case "NUL in the path" -> "GET /api/v1/accounts/a%00b HTTP/1.1\r\nHost: edge\r\n" + end;
            case "not HTTP" -> "\u0001\u0002 junk\r\n\r\n";
            case "two Host headers" -> "GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\n" + end;
            case "no Host header" -> "GET /health HTTP/1.1\r\n" + end;
            case "control character in a name" -> "GET /health HTTP/1.1\r\nHost: edge\r\nX-\u0001: y\r\n" + end;
            case "Content-Length not a number" -> "POST /api/v1/transfers HTTP/1.1\r\nHost: edge\r\nContent-Length: ten\r\n" + end;
            case "Content-Length and chunked" -> "POST /api/v1/transfers HTTP/1.1\r\nHost: edge\r\nContent-Length: 5\r\n"
                    + "Transfer-Encoding: chunked\r\n" + end + "0\r\n\r\n";
            case "broken chunked body" -> "POST /api/v1/transfers HTTP/1.1\r\nHost: edge\r\nTransfer-Encoding: chunked\r\n"
                    + end + "zz\r\nabc\r\n0\r\n\r\n";
            case "header too large" -> "GET /health HTTP/1.1\r\nHost: edge\r\nCookie: " + "a".repeat(20_000) + "\r\n" + end;
            case "request line too long" -> "GET /api/v1/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: edge\r\n" + end;
            case "body over 64 KiB" -> "POST /api/v1/transfers HTTP/1.1\r\nHost: edge\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 70000\r\n" + end + "a".repeat(70_000);
            case "unknown transfer coding" -> "POST /api/v1/transfers HTTP/1.1\r\nHost: edge\r\nTransfer-Encoding: gzip\r\n" + end;
            case "HTTP/9" -> "GET /health HTTP/9\r\nHost: edge\r\n" + end;
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static void assertProblem(Answer answer, int status, String code) throws IOException {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(answer.toString()).isEqualTo("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("type").asText()).as("the services' problem type URIs").isEqualTo(Problem.TYPE_PREFIX + code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(answer.header("X-Request-Id")).as("request id on an edge error").isNotBlank();
    }

    /** One request on its own connection, ISO-8859-1 on the wire, read until NGINX closes. */
    private Answer send(String request) throws IOException {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return Answer.parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        var out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (java.net.SocketException e) {
            // NGINX may reset after answering a request whose body it did not read (413): keep what arrived.
            if (out.size() == 0) {
                throw e;
            }
        }
        return out.toByteArray();
    }

    record Answer(int status, Map<String, String> headers, String body) {
        static Answer parse(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int split = text.indexOf("\r\n\r\n");
            assertThat(split).as("a complete HTTP response: " + text).isPositive();
            String[] lines = text.substring(0, split).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            var headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.merge(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
            return new Answer(status, headers, new String(raw, split + 4, raw.length - split - 4, StandardCharsets.UTF_8));
        }

        String header(String name) {
            return headers.get(name);
        }
    }

    private static void render(Path template, Path target, Map<String, String> values) throws IOException {
        String text = Files.readString(template);
        for (var entry : values.entrySet()) {
            text = text.replace("${" + entry.getKey() + "}", entry.getValue());
        }
        assertThat(text).as("every placeholder of " + template + " filled").doesNotContainPattern("\\$\\{LEDGER_[A-Z0-9_]*}");
        Files.writeString(target, text);
    }

    private static String nginxBinary() {
        String configured = System.getenv("LEDGER_NGINX");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (Files.isExecutable(Path.of("/usr/sbin/nginx"))) {
            return "/usr/sbin/nginx";
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "nginx"))) {
                return Path.of(dir, "nginx").toString();
            }
        }
        throw new IllegalStateException("nginx is not installed (apt-get install -y nginx, or set LEDGER_NGINX)");
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }

    private void awaitListening() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            try (var ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nginx did not listen on " + port + " (" + prefix.resolve("logs/error.log") + ")"
);
    }
}
