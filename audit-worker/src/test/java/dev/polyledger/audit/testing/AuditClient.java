package dev.polyledger.audit.testing;

import dev.polyledger.platform.testing.HttpTestClient;
import java.net.http.HttpRequest;

/** A test client of the audit API over real HTTP, sending {@code Authorization: Bearer <key>} unless the key is null. */
public final class AuditClient extends HttpTestClient {
    private final String key;

    /** A client with the operator key ({@link TestAuth#OPERATOR_KEY}: tenant {@code default}). */
    public AuditClient(String baseUrl) {
        this(baseUrl, TestAuth.OPERATOR_KEY);
    }

    /** A client with the given API key; null sends none. */
    public AuditClient(String baseUrl, String key) {
        super(baseUrl);
        this.key = key;
    }

    @Override
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = super.request(path);
        return key == null ? builder : builder.header("Authorization", "Bearer " + key);
    }

    /** GET with the given X-Request-Id (null: none). */
    public Answer get(String path, String requestId) {
        var builder = request(path).GET();
        if (requestId != null) {
            builder.header("X-Request-Id", requestId);
        }
        return send(builder);
    }
}
