package dev.polyledger.notification.application.port.out;

import dev.polyledger.notification.domain.AttemptResult;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** POSTs a webhook without blocking the caller. */
public interface WebhookSender {
    /**
     * @return completes with the outcome, never exceptionally: a timeout or connection error is an {@link AttemptResult}
     *         with status 0
     */
    CompletableFuture<AttemptResult> post(URI url, Map<String, String> headers, String body, Duration timeout);
}
