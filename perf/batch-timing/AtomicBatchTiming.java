import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How long a batch of N transfers takes, end to end: an ATOMIC one until its 201 (issue 10's target: 1,000 transfers
 * in under 1 s), an INDEPENDENT one ({@code MODE=INDEPENDENT}) until {@code GET /api/v1/batches/{id}} says
 * COMPLETED. A JDK-only driver (no build, no JUnit): {@code java AtomicBatchTiming.java}.
 *
 * <p>Opens {@code ACCOUNTS} USD accounts (default 200) in a tenant of its own, funds the first with a credit, then
 * posts {@code RUNS} batches (default 10) of {@code ITEMS} transfers (default 1,000) from random accounts that hold
 * money to random others, one after the other, and prints each batch's wall time, then min, median and max.
 * Environment: {@code LEDGER_BASE_URL} (default {@code http://localhost:8080}), {@code LEDGER_API_KEY} (an operator
 * key: it creates a tenant and a first key), {@code MODE}, {@code ITEMS}, {@code RUNS}, {@code ACCOUNTS}.
 */
public class AtomicBatchTiming {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String base = env("LEDGER_BASE_URL", "http://localhost:8080");
        String operator = System.getenv("LEDGER_API_KEY");
        if (operator == null || operator.isBlank()) {
            throw new IllegalStateException("set LEDGER_API_KEY to an operator key of the cluster");
        }
        int items = Integer.parseInt(env("ITEMS", "1000"));
        int runs = Integer.parseInt(env("RUNS", "10"));
        int accountCount = Integer.parseInt(env("ACCOUNTS", "200"));
        String mode = env("MODE", "ATOMIC");

        String tenant = "batch-timing-" + UUID.randomUUID().toString().substring(0, 8);
        String keyAnswer = check(post(base, operator, "/api/v1/tenants", "{\"name\":\"" + tenant + "\"}"), 201);
        var keyMatch = KEY.matcher(keyAnswer);
        if (!keyMatch.find()) {
            throw new IllegalStateException("no key in " + keyAnswer);
        }
        String key = keyMatch.group(1);

        var accounts = new ArrayList<String>();
        for (int i = 0; i < accountCount; i++) {
            accounts.add(id(check(post(base, key, "/api/v1/accounts", "{\"currency\":\"USD\"}"), 201)));
        }
        for (String account : accounts) {
            check(post(base, key, "/api/v1/accounts/" + account + "/credits", "{\"amount\":\"1000000.00\"}"), 201);
        }

        var times = new ArrayList<Long>();
        for (int run = 0; run < runs; run++) {
            var body = new StringBuilder("{\"mode\":\"" + mode + "\",\"items\":[");
            for (int i = 0; i < items; i++) {
                Collections.shuffle(accounts);
                body.append(i == 0 ? "" : ",").append("{\"sourceAccountId\":\"").append(accounts.get(0))
                        .append("\",\"destinationAccountId\":\"").append(accounts.get(1))
                        .append("\",\"amount\":\"1.00\",\"currency\":\"USD\",\"reference\":\"payout-").append(i).append("\"}");
            }
            body.append("]}");
            long start = System.nanoTime();
            var answer = post(base, key, "/api/v1/batches", body.toString());
            long acceptedMillis = (System.nanoTime() - start) / 1_000_000;
            if ("ATOMIC".equals(mode)) {
                check(answer, 201);
            } else {
                String batchId = id(check(answer, 202));
                while (!get(base, key, "/api/v1/batches/" + batchId).contains("\"status\":\"COMPLETED\"")) {
                    Thread.sleep(50);
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            times.add(millis);
            System.out.printf("batch %d (%s): %d transfers processed in %d ms (answered after %d ms; body %d bytes; "
                    + "%.0f items/s)%n", run + 1, mode, items, millis, acceptedMillis, body.length(), items * 1000.0 / millis);
        }
        Collections.sort(times);
        System.out.printf("%s batch of %d transfers, %d runs: min %d ms, median %d ms, max %d ms%n", mode, items, runs,
                times.get(0), times.get(times.size() / 2), times.get(times.size() - 1));
    }

    private static HttpResponse<String> post(String base, String key, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String get(String base, String key, String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key).GET().build();
        return check(HTTP.send(request, HttpResponse.BodyHandlers.ofString()), 200);
    }

    private static String check(HttpResponse<String> answer, int status) {
        if (answer.statusCode() != status) {
            throw new IllegalStateException(answer.request().uri() + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    private static String id(String body) {
        var m = ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + body);
        }
        return m.group(1);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
