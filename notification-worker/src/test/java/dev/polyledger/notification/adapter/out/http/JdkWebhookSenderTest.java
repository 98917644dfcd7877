package dev.polyledger.notification.adapter.out.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.polyledger.notification.application.port.out.WebhookMessage;
import dev.polyledger.notification.domain.AttemptResult;
import dev.polyledger.notification.domain.UrlPolicy;
import dev.polyledger.notification.domain.WebhookSignature;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Standard Webhooks request the sender makes, against a real HTTP server on a free port of 127.0.0.1. */
class JdkWebhookSenderTest {
    private static final Instant AT = Instant.parse("2026-11-30T12:00:00.750Z");
    private static final String FIRST = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
    private static final String SECOND = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[]{1, 2, 3});
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private record Received(String method, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 204;
    private volatile String retryAfter;
    private HttpServer server;
    private JdkWebhookSender sender;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        if (sender != null) {
            sender.close();
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private AttemptResult send(UrlPolicy policy, String body, List<String> secrets) {
        sender = new JdkWebhookSender(policy);
        return sender.send(new WebhookMessage(url(), "evt-1", AT, body, secrets), TIMEOUT).join();
    }

    private static UrlPolicy privateAllowed() {
        return new UrlPolicy(true, InetAddress::getAllByName);
    }

    @Test
    void postsTheBodyUntouchedWithTheStandardWebhooksHeaders() {
        String body = "{\"eventId\":\"evt-1\",  \"n\": 1}";

        AttemptResult result = send(privateAllowed(), body, List.of(FIRST));

        assertThat(result.delivered()).isTrue();
        assertThat(received).hasSize(1);
        Received request = received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.body()).isEqualTo(body);
        assertThat(request.header("content-type")).isEqualTo("application/json");
        assertThat(request.header("webhook-id")).isEqualTo("evt-1");
        assertThat(request.header("webhook-timestamp")).isEqualTo(Long.toString(AT.getEpochSecond()));
        assertThat(request.header("webhook-signature"))
                .isEqualTo(WebhookSignature.sign(FIRST, "evt-1", AT.getEpochSecond(), body));
    }

    @Test
    void signsWithEverySecretSpaceSeparatedInTheOrderGiven() {
        send(privateAllowed(), "{}", List.of(SECOND, FIRST));

        assertThat(received.get(0).header("webhook-signature")).isEqualTo(
                WebhookSignature.sign(SECOND, "evt-1", AT.getEpochSecond(), "{}") + " "
                        + WebhookSignature.sign(FIRST, "evt-1", AT.getEpochSecond(), "{}"));
    }

    @Test
    void reportsTheStatusAndTheRetryAfterInSecondsOfAnEndpointThatRefuses() {
        status = 429;
        retryAfter = "7";

        AttemptResult result = send(privateAllowed(), "{}", List.of(FIRST));

        assertThat(result.statusCode()).isEqualTo(429);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(result.error()).isEqualTo("endpoint answered 429");
    }

    @Test
    void aUrlWhoseHostNowResolvesToAPrivateAddressIsRefusedWithoutConnecting() {
        AttemptResult refused = send(new UrlPolicy(false, host -> new InetAddress[]{InetAddress.getLoopbackAddress()}),
                "{}", List.of(FIRST));

        assertThat(refused.statusCode()).isZero();
        assertThat(refused.error()).startsWith("url refused: ");
        assertThat(received).isEmpty();

        assertThat(send(privateAllowed(), "{}", List.of(FIRST)).delivered()).as("the control").isTrue();
        assertThat(received).hasSize(1);
    }

    @Test
    void aConnectionRefusedIsAFailedAttemptWithoutStatus() {
        server.stop(0);

        AttemptResult result = send(privateAllowed(), "{}", List.of(FIRST));

        assertThat(result.statusCode()).isZero();
        assertThat(result.error()).isNotBlank();
    }
}
