package dev.polyledger.perf.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook endpoint of the run, on {@code 127.0.0.1:port}: answers {@code 204} to every {@code POST}, checks
 * its Standard Webhooks signature ({@code webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">},
 * key = the base64 after {@code whsec_}), and records, per transfer of a {@code transfer.posted} event, the distinct
 * {@code webhook-id}s it arrived with. Delivery is at least once, so a transfer may arrive several times, but always
 * with one webhook-id: two ids for one transfer would be two events for one commit.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Set<String>> webhookIdsByTransfer = new ConcurrentHashMap<>();
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder badSignatures = new LongAdder();
    private volatile byte[] key;

    WebhookReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/hook", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The subscription's secret ({@code whsec_...}), known once the subscription exists. */
    void secret(String secret) {
        key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }

    Map<String, Set<String>> webhookIdsByTransfer() {
        return webhookIdsByTransfer;
    }

    long deliveries() {
        return deliveries.sum();
    }

    long badSignatures() {
        return badSignatures.sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            deliveries.increment();
            if (!signed(id, timestamp, signature, body)) {
                badSignatures.increment();
            }
            JsonNode event = JSON.readTree(body);
            if ("transfer.posted".equals(event.path("type").asText()) && id != null) {
                webhookIdsByTransfer.computeIfAbsent(event.path("data").path("id").asText(), t -> ConcurrentHashMap.newKeySet()).add(id);
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private boolean signed(String id, String timestamp, String signatures, byte[] body) {
        byte[] secret = key;
        if (secret == null || id == null || timestamp == null || signatures == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            for (String candidate : signatures.split(" ")) {
                if (candidate.startsWith("v1,") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(candidate.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
