package dev.polyledger.audit.testing;

import dev.polyledger.platform.testing.HttpTestClient;

/** A test client of the audit API over real HTTP. */
public final class AuditClient extends HttpTestClient {

    public AuditClient(String baseUrl) {
        super(baseUrl);
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
