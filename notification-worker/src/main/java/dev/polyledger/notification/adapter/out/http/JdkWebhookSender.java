package dev.polyledger.notification.adapter.out.http;

import dev.polyledger.notification.application.port.out.WebhookMessage;
import dev.polyledger.notification.application.port.out.WebhookSender;
import dev.polyledger.notification.domain.AttemptResult;
import dev.polyledger.notification.domain.InvalidSubscriptionException;
import dev.polyledger.notification.domain.UrlPolicy;
import dev.polyledger.notification.domain.WebhookSignature;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@link WebhookSender} on the JDK's {@link HttpClient}: asynchronous, HTTP/1.1, no redirects followed (a redirect
 * could point at an internal address), the response body discarded, the whole attempt bounded by the timeout.
 * Completions run on a small cached pool of daemon threads (they write the outcome to MongoDB).
 *
 * <p>The request, per the Standard Webhooks spec (https://www.standardwebhooks.com): {@code POST} of the body with
 * {@code content-type: application/json}, {@code webhook-id} (the event id), {@code webhook-timestamp} (epoch seconds
 * of the attempt) and {@code webhook-signature}: one {@code v1,} signature per signing secret, space-separated
 * ({@link WebhookSignature#signAll}).
 *
 * <p>Before connecting, the URL's host is resolved and checked against the {@link UrlPolicy} again: the check at
 * creation cannot see a host whose DNS has since turned to a private address (server-side request forgery). A refused
 * URL is a failed attempt ({@code url refused: …}), retried like any other.
 */
@Singleton
class JdkWebhookSender implements WebhookSender {
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "webhook-sender");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(executor)
            .build();
    private final UrlPolicy urlPolicy;

    JdkWebhookSender(UrlPolicy urlPolicy) {
        this.urlPolicy = urlPolicy;
    }

    @Override
    public CompletableFuture<AttemptResult> send(WebhookMessage message, Duration timeout) {
        URI url;
        try {
            url = urlPolicy.check(message.url());
        } catch (InvalidSubscriptionException e) {
            return CompletableFuture.completedFuture(AttemptResult.failed("url refused: " + e.getMessage()));
        }
        long timestamp = message.attemptedAt().getEpochSecond();
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofString(message.body()))
                    .header("content-type", "application/json")
                    .header("webhook-id", message.webhookId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSignature.signAll(message.signingSecrets(),
                            message.webhookId(), timestamp, message.body()))
                    .header("user-agent", "polyledger-notification-worker")
                    .build();
            return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .orTimeout(timeout.toMillis() + 1000, java.util.concurrent.TimeUnit.MILLISECONDS)
                    .handle((response, failure) -> failure == null
                            ? AttemptResult.answered(response.statusCode(), retryAfter(response))
                            : AttemptResult.failed(describe(failure)));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(AttemptResult.failed(describe(e)));
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("retry-after").map(String::trim).filter(v -> v.matches("\\d{1,9}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(null);
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpTimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
            return "timeout";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }
}
