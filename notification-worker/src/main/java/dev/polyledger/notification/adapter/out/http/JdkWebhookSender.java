package dev.polyledger.notification.adapter.out.http;

import dev.polyledger.notification.application.port.out.WebhookSender;
import dev.polyledger.notification.domain.AttemptResult;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@link WebhookSender} on the JDK's {@link HttpClient}: asynchronous, HTTP/1.1, no redirects followed (a redirect
 * could point at an internal address), the response body discarded, the whole attempt bounded by the timeout.
 * Completions run on a small cached pool of daemon threads (they write the outcome to MongoDB).
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

    @Override
    public CompletableFuture<AttemptResult> post(URI url, Map<String, String> headers, String body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        request.header("user-agent", "polyledger-notification-worker");
        try {
            return client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
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
