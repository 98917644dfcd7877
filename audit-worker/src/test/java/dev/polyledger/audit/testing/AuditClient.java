package dev.polyledger.audit.testing;

import dev.polyledger.platform.testing.HttpTestClient;

/** A test client of the audit API over real HTTP, sending {@code Authorization: Bearer <key>} unless the key is null. */
public final class AuditClient extends HttpTestClient {
    /** A client with {@code KEYS.defaultKey()} (tenant {@code default}). */
    public AuditClient(String baseUrl) {
        this(baseUrl, AuditTestEnvironment.KEYS.defaultKey().key());
    }

    /** A client with the given API key; null sends none. */
    public AuditClient(String baseUrl, String key) {
        super(baseUrl, key);
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
