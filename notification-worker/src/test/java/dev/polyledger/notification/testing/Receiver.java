package dev.polyledger.notification.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * A real webhook endpoint on 127.0.0.1 (a free port): records every request and answers with the status the
 * {@code answer} function gives for the n-th request (1-based), after an optional delay.
 */
public final class Receiver implements AutoCloseable {
    /** One received request; header names lower-case. */
    public record Received(Map<String, String> headers, String body, long receivedAtNanos) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /** Answers the {@code n}th request (1-based, all events counted) with {@code answer(n)} after {@code delay}. */
    public Receiver(IntFunction<Integer> answer, Duration delay) {
        this((all, request) -> answer.apply(all.size()), delay);
    }

    /**
     * Answers the request with {@code answer(requests so far, this one included; this request)} after {@code delay}.
     */
    public Receiver(java.util.function.BiFunction<List<Received>, Received, Integer> answer, Duration delay) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            Received request = new Received(headers, body, System.nanoTime());
            List<Received> sofar;
            synchronized (received) {
                received.add(request);
                sofar = List.copyOf(received);
            }
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(answer.apply(sofar, request), -1);
            exchange.close();
        });
        server.start();
    }

    public static Receiver answering(int status) {
        return new Receiver(n -> status, Duration.ZERO);
    }

    /** Answers 503 to the first {@code failures} requests of every {@code webhook-id}, then 200. */
    public static Receiver failingEachEventFirst(int failures) {
        return new Receiver((all, request) -> {
            long ofThisEvent = all.stream().filter(r -> r.header("webhook-id").equals(request.header("webhook-id")))
                    .count();
            return ofThisEvent <= failures ? 503 : 200;
        }, Duration.ZERO);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests that delivered the event {@code eventId} (their {@code webhook-id}), in arrival order. */
    public List<Received> receivedFor(String eventId) {
        return received().stream().filter(r -> eventId.equals(r.header("webhook-id"))).toList();
    }

    /** Waits until at least {@code count} requests arrived; returns them. */
    public List<Received> await(int count, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return received();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
