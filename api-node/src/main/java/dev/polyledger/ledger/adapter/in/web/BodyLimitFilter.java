package dev.polyledger.ledger.adapter.in.web;

import dev.polyledger.platform.http.PlatformProblem;
import dev.polyledger.platform.http.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Request bodies are at most {@value #LIMIT_BYTES} bytes (64 KiB), except on {@code /api/v1/batches}, whose bodies
 * may reach the server's {@code micronaut.server.max-request-size} (4 MB: 10,000 items fit). The server's own limit is
 * the batches' one because it cannot differ by path; this filter keeps 64 KiB everywhere else: {@code 413
 * REQUEST_TOO_LARGE}, as NGINX answers at the entry point (api-contract.md, "Batches and mass payouts").
 */
@ServerFilter("/api/v1/**")
class BodyLimitFilter {
    static final int LIMIT_BYTES = 64 * 1024;
    static final String BATCHES = "/api/v1/batches";

    @RequestFilter
    @Nullable
    HttpResponse<Problem> limitBodies(HttpRequest<?> request, @Nullable @Body byte[] body) {
        if (body == null || body.length <= LIMIT_BYTES || isBatches(request.getPath())) {
            return null;
        }
        return PlatformProblem.REQUEST_TOO_LARGE.problem("The request body exceeds 64 KiB.").toResponse();
    }

    private static boolean isBatches(String path) {
        return path.equals(BATCHES) || path.startsWith(BATCHES + "/");
    }
}
