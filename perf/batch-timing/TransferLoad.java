import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A closed-model load of single transfers against one api-node (or NGINX), for A/B comparisons of two builds on the
 * same machine in one sitting: {@code CLIENTS} threads (default 32) each post transfers between random accounts of
 * {@code ACCOUNTS} (default 1,000) for {@code SECONDS} (default 20), after a {@code WARMUP} (default 5 s) that is not
 * counted; prints transfers/s, p50, p99 and the count of non-201 answers. JDK only: {@code java TransferLoad.java}.
 * Environment: {@code LEDGER_BASE_URL}, {@code LEDGER_API_KEY} (an operator key).
 */
public class TransferLoad {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        String base = env("LEDGER_BASE_URL", "http://localhost:8080");
        String operator = System.getenv("LEDGER_API_KEY");
        int clients = Integer.parseInt(env("CLIENTS", "32"));
        int accountCount = Integer.parseInt(env("ACCOUNTS", "1000"));
        int seconds = Integer.parseInt(env("SECONDS", "20"));
        int warmup = Integer.parseInt(env("WARMUP", "5"));

        var keyMatch = KEY.matcher(post(base, operator, "/api/v1/tenants",
                "{\"name\":\"load-" + UUID.randomUUID().toString().substring(0, 8) + "\"}").body());
        if (!keyMatch.find()) {
            throw new IllegalStateException("no tenant key");
        }
        String key = keyMatch.group(1);
        var accounts = Collections.synchronizedList(new ArrayList<String>());
        var setup = new ArrayList<Thread>();
        for (int t = 0; t < 8; t++) {
            int from = t;
            var thread = new Thread(() -> {
                for (int i = from; i < accountCount; i += 8) {
                    try {
                        var m = ID.matcher(post(base, key, "/api/v1/accounts", "{\"currency\":\"USD\"}").body());
                        m.find();
                        String id = m.group(1);
                        post(base, key, "/api/v1/accounts/" + id + "/credits", "{\"amount\":\"100000.00\"}");
                        accounts.add(id);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            thread.start();
            setup.add(thread);
        }
        for (Thread thread : setup) {
            thread.join();
        }
        List<String> ids = List.copyOf(accounts);

        long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        var latencies = Collections.synchronizedList(new ArrayList<Long>());
        var failed = new AtomicLong();
        var workers = new ArrayList<Thread>();
        for (int c = 0; c < clients; c++) {
            var thread = new Thread(() -> {
                var random = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    String a = ids.get(random.nextInt(ids.size()));
                    String b;
                    do {
                        b = ids.get(random.nextInt(ids.size()));
                    } while (b.equals(a));
                    long start = System.nanoTime();
                    int status;
                    try {
                        status = post(base, key, "/api/v1/transfers", "{\"sourceAccountId\":\"" + a
                                + "\",\"destinationAccountId\":\"" + b + "\",\"amount\":\"1.00\",\"currency\":\"USD\"}").statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    long done = System.nanoTime();
                    if (start >= warmEnd && done <= end) {
                        latencies.add(done - start);
                        if (status != 201) {
                            failed.incrementAndGet();
                        }
                    }
                }
            });
            thread.start();
            workers.add(thread);
        }
        for (Thread thread : workers) {
            thread.join();
        }
        var sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%d clients, %d s: %.0f transfers/s (201), p50 %.1f ms, p99 %.1f ms, %d not 201%n", clients,
                seconds, (sorted.size() - failed.get()) / (double) seconds, sorted.get(sorted.size() / 2) / 1e6,
                sorted.get((int) (sorted.size() * 0.99)) / 1e6, failed.get());
    }

    private static HttpResponse<String> post(String base, String key, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
