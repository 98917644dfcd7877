package dev.polyledger.notification.application.port.out;

import dev.polyledger.notification.domain.AttemptResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Delivers one webhook attempt without blocking the caller. */
public interface WebhookSender {
    /**
     * @param timeout of the whole attempt, connection included
     * @return completes with the outcome, never exceptionally: a refused URL, a timeout or a connection error is an
     *         {@link AttemptResult} with status 0
     */
    CompletableFuture<AttemptResult> send(WebhookMessage message, Duration timeout);
}
