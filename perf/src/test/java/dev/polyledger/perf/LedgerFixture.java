package dev.polyledger.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Creates and funds the accounts a load test needs, through the public API, before the
 * measured part starts. Plain Java ({@link HttpClient}), no Gatling: what it does is not
 * measured.
 *
 * <ul>
 *   <li>Every request but {@code GET /health} carries {@code Authorization: Bearer <key>}
 *       ({@link PerfConfig#apiKey()}); right after {@code /health}, one {@code GET} of an unknown account checks
 *       that the key is accepted ({@code 401}/{@code 403} stop the setup with what to do).</li>
 *   <li>{@code POST /api/v1/accounts {"currency":"USD"}} then
 *       {@code POST /api/v1/accounts/{id}/credits {"amount":"1000000.00"}} per account, each POST
 *       with its own fresh {@code Idempotency-Key} (a UUID).</li>
 *   <li>At most {@code setupConcurrency} accounts in flight (default 8). All credits debit the
 *       currency's world account, a hot row: {@code 409} (key in flight / conflict), {@code 429},
 *       {@code 5xx} and I/O errors are retried with the <em>same</em> key after a short sleep
 *       ({@code Retry-After} honoured up to {@code setupRetryAfterCapMs}, default 500 ms, with jitter),
 *       at most {@code setupMaxAttempts} times (default 20; I/O errors and timeouts of
 *       {@code setupRequestTimeoutMs}, default 10 s, at most 3 times). Anything else aborts the setup.</li>
 *   <li>The ids are cached in {@code perf/target/accounts-<N>-<baseUrlHash>.txt}. A later run
 *       against the same base URL reuses them after checking with {@code GET} that a few sampled
 *       ids still exist, have the right currency and still hold at least
 *       {@code minCachedBalance} (default: a tenth of the funding). {@code -DreuseAccounts=false}
 *       forces fresh accounts.</li>
 *   <li>{@link #completeTransfers}: transfers with known keys and bodies, for a replay to re-send
 *       ({@link ReplaySimulation}); never cached, made afresh by each run.</li>
 * </ul>
 */
public final class LedgerFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_IO_FAILURES = 3;
    /** Accounts already prepared in this JVM (several simulations in one run). */
    private static final ConcurrentMap<String, List<String>> PREPARED = new ConcurrentHashMap<>();

    private final String baseUrl;
    /** {@code Bearer <key>}: the Authorization header of every /api/v1 request. Never logged. */
    private final String authorization;
    private final int count;
    private final int concurrency;
    private final String currency;
    private final BigDecimal funding;
    private final BigDecimal minCachedBalance;
    private final boolean reuse;
    private final Path cacheFile;
    private final int maxAttempts;
    private final long retryAfterCapMs;
    private final Duration requestTimeout;
    private final HttpClient http;

    private final LongAdder retries = new LongAdder();
    private final ConcurrentMap<String, LongAdder> retriesByCause = new ConcurrentHashMap<>();

    public LedgerFixture(String baseUrl, String apiKey, int count, int concurrency, String currency, String funding,
                         boolean reuse, Path cacheDir) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("an API key is needed (" + PerfConfig.API_KEY + ")");
        }
        if (count < 2) {
            throw new IllegalArgumentException("Need at least 2 accounts to transfer between, got " + count);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("setupConcurrency must be >= 1, got " + concurrency);
        }
        this.baseUrl = baseUrl;
        this.authorization = "Bearer " + apiKey;
        this.count = count;
        this.concurrency = concurrency;
        this.currency = currency;
        this.funding = new BigDecimal(funding);
        this.minCachedBalance = new BigDecimal(PerfConfig.string("minCachedBalance",
                this.funding.movePointLeft(1).toPlainString()));
        this.reuse = reuse;
        this.cacheFile = cacheDir.resolve("accounts-" + count + "-" + hash(baseUrl) + ".txt");
        this.maxAttempts = PerfConfig.integer("setupMaxAttempts", 20);
        this.retryAfterCapMs = PerfConfig.integer("setupRetryAfterCapMs", 500);
        this.requestTimeout = Duration.ofMillis(PerfConfig.integer("setupRequestTimeoutMs", 10_000));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3))
                .build();
    }

    /** Knobs from system properties: setupConcurrency, currency, funding, reuseAccounts, accountsCacheDir. */
    public static LedgerFixture fromConfig(String baseUrl, String apiKey, int count) {
        return new LedgerFixture(baseUrl, apiKey, count,
                PerfConfig.integer("setupConcurrency", 8),
                PerfConfig.string("currency", "USD"),
                PerfConfig.string("funding", "1000000.00"),
                PerfConfig.bool("reuseAccounts", true),
                Path.of(PerfConfig.string("accountsCacheDir", defaultCacheDir().toString())));
    }

    /** The ids of {@code count} funded accounts: from this JVM, from the cache file, or freshly created. */
    public List<String> ensureAccounts() {
        String memoKey = baseUrl + '|' + currency + '|' + count;
        List<String> known = PREPARED.get(memoKey);
        if (known != null) {
            return known;
        }
        long start = System.nanoTime();
        log("ledger at %s: need %,d funded %s accounts (%s each), setupConcurrency=%d",
                baseUrl, count, currency, funding.toPlainString(), concurrency);
        preflight();
        List<String> ids = reuse ? loadCache().orElse(null) : null;
        if (ids == null) {
            ids = createAll();
            writeCache(ids);
        }
        log("setup finished in %.1f s (%,d accounts ready, %,d retries%s)", seconds(start), ids.size(),
                retries.sum(), retries.sum() == 0 ? "" : " " + retrySummary());
        List<String> result = Collections.unmodifiableList(ids);
        PREPARED.put(memoKey, result);
        return result;
    }

    // ------------------------------------------------------------------ reachability

    private void preflight() {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            // no cause attached: the message says it all, and Gatling prints the whole chain
            throw new SetupException("Cannot reach the ledger API at " + baseUrl + " (" + describe(e)
                    + "). Start the stack, or point LEDGER_BASE_URL (-DLEDGER_BASE_URL=... or env) at it.");
        } catch (IOException e) {
            throw new SetupException("GET " + baseUrl + "/health failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupException("interrupted", e);
        }
        if (response.statusCode() == 200 && response.body().contains("UP")) {
            log("GET /health -> 200 UP");
        } else {
            log("WARNING: GET /health -> %d %s (continuing; the API calls below decide)",
                    response.statusCode(), abbreviate(response.body()));
        }
        checkKey();
    }

    /**
     * The key is accepted: {@code GET /api/v1/accounts/<random id>} must answer {@code 404} (authenticated, the
     * account is unknown), not {@code 401}/{@code 403}. Fails the setup at once, before any account is made.
     */
    private void checkKey() {
        String path = "/api/v1/accounts/" + UUID.randomUUID();
        HttpResponse<String> response;
        try {
            response = http.send(get(path).timeout(requestTimeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SetupException("GET " + baseUrl + "/api/v1/accounts/{id} failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupException("interrupted", e);
        }
        String problem = keyProblem(response.statusCode());
        if (problem != null) {
            throw new SetupException(problem + " (GET /api/v1/accounts/{unknown id} -> " + response.statusCode() + " "
                    + abbreviate(response.body()) + ")");
        }
        log("API key accepted (GET /api/v1/accounts/{unknown id} -> %d)", response.statusCode());
    }

    /** Why a status shows the key unusable, or null. */
    static String keyProblem(int status) {
        return switch (status) {
            case 401 -> "The ledger API refused the API key (401): " + PerfConfig.API_KEY + " is not a valid key of this "
                    + "cluster (bin/cluster key prints the operator key of the cluster bin/cluster up started)";
            case 403 -> "The API key lacks a scope the load test needs (403): it needs ledger:read and ledger:write";
            default -> null;
        };
    }

    // ------------------------------------------------------------------ cache

    private Optional<List<String>> loadCache() {
        if (!Files.isRegularFile(cacheFile)) {
            log("no account cache at %s: creating accounts", cacheFile);
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>(count);
        try {
            for (String line : Files.readAllLines(cacheFile, StandardCharsets.UTF_8)) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    ids.add(s);
                }
            }
        } catch (IOException e) {
            log("account cache %s unreadable (%s): creating accounts", cacheFile, describe(e));
            return Optional.empty();
        }
        if (ids.size() != count || new LinkedHashSet<>(ids).size() != count) {
            log("account cache %s holds %,d distinct ids, expected %,d: creating accounts", cacheFile,
                    new LinkedHashSet<>(ids).size(), count);
            return Optional.empty();
        }
        Set<String> sample = new LinkedHashSet<>(List.of(ids.get(0), ids.get(ids.size() - 1),
                ids.get(ThreadLocalRandom.current().nextInt(ids.size()))));
        for (String id : sample) {
            String problem = checkCachedAccount(id);
            if (problem != null) {
                log("account cache %s not usable (%s): creating accounts", cacheFile, problem);
                return Optional.empty();
            }
        }
        log("reusing %,d accounts from %s (checked %d of them with GET)", ids.size(), cacheFile, sample.size());
        return Optional.of(ids);
    }

    /** null if the account looks usable, otherwise why not. */
    private String checkCachedAccount(String id) {
        try {
            HttpResponse<String> r = http.send(get("/api/v1/accounts/" + id).timeout(requestTimeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return "GET /api/v1/accounts/" + id + " -> " + r.statusCode();
            }
            JsonNode account = JSON.readTree(r.body());
            if (!currency.equals(account.path("currency").asText())) {
                return "account " + id + " has currency " + account.path("currency").asText();
            }
            BigDecimal balance = new BigDecimal(account.path("balance").asText("0"));
            if (balance.compareTo(minCachedBalance) < 0) {
                return "account " + id + " balance " + balance.toPlainString() + " < minCachedBalance "
                        + minCachedBalance.toPlainString();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "GET /api/v1/accounts/" + id + " failed: " + describe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupException("interrupted", e);
        }
    }

    private void writeCache(List<String> ids) {
        try {
            Files.createDirectories(cacheFile.getParent());
            Path tmp = cacheFile.resolveSibling(cacheFile.getFileName() + ".tmp");
            List<String> lines = new ArrayList<>(ids.size() + 2);
            lines.add("# polyledger perf accounts: baseUrl=" + baseUrl + " currency=" + currency
                    + " funding=" + funding.toPlainString() + " count=" + ids.size() + " created=" + Instant.now());
            lines.addAll(ids);
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log("cached %,d account ids in %s", ids.size(), cacheFile);
        } catch (IOException e) {
            log("WARNING: could not write the account cache %s: %s", cacheFile, describe(e));
        }
    }

    // ------------------------------------------------------------------ creation

    private List<String> createAll() {
        long start = System.nanoTime();
        List<String> ids = inParallel(count, "accounts created and funded", index -> createAndFund());
        log("created and funded %,d accounts in %.1f s (%.0f/s)", count, seconds(start), count / Math.max(seconds(start), 1e-3));
        return ids;
    }

    private String createAndFund() throws InterruptedException {
        JsonNode account = post("/api/v1/accounts", "{\"currency\":\"" + currency + "\"}", "create account");
        String id = account.path("id").asText(null);
        if (id == null || id.isBlank()) {
            throw new SetupException("POST /api/v1/accounts answered without an id: " + abbreviate(account.toString()));
        }
        post("/api/v1/accounts/" + id + "/credits", "{\"amount\":\"" + funding.toPlainString() + "\"}",
                "fund account " + id);
        return id;
    }

    /** One step of the setup, run for each index by {@link #inParallel}. */
    @FunctionalInterface
    private interface SetupTask<T> {
        T run(int index) throws InterruptedException;
    }

    /**
     * Runs {@code task} for the indexes 0..n-1 with {@code setupConcurrency} threads, logs progress every 2 s,
     * and returns the results in index order; the first failure stops the rest and is thrown.
     */
    private <T> List<T> inParallel(int n, String what, SetupTask<T> task) {
        long start = System.nanoTime();
        List<T> results = new ArrayList<>(Collections.nCopies(n, null));
        AtomicInteger done = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, daemonThreads("perf-setup"));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemonThreads("perf-setup-progress"));
        ticker.scheduleAtFixedRate(() -> {
            int k = done.get();
            double s = seconds(start);
            log("  %,d/%,d %s (%.0f/s), %,d retries%s", k, n, what, s > 0 ? k / s : 0.0,
                    retries.sum(), retries.sum() == 0 ? "" : " " + retrySummary());
        }, 2, 2, TimeUnit.SECONDS);
        try {
            for (int i = 0; i < n; i++) {
                int index = i;
                pool.execute(() -> {
                    if (failure.get() != null) {
                        return;
                    }
                    try {
                        T result = task.run(index);
                        synchronized (results) {
                            results.set(index, result);
                        }
                        done.incrementAndGet();
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                });
            }
            pool.shutdown();
            while (!pool.awaitTermination(200, TimeUnit.MILLISECONDS)) {
                if (failure.get() != null) {
                    pool.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new SetupException("interrupted", e);
        } finally {
            ticker.shutdownNow();
        }
        Throwable t = failure.get();
        if (t != null) {
            throw t instanceof SetupException se ? se
                    : new SetupException("setup failed after " + done.get() + " " + what + ": " + describe(t), t);
        }
        synchronized (results) {
            return new ArrayList<>(results);
        }
    }

    // ------------------------------------------------------------------ completed transfers (replays)

    /**
     * A transfer this fixture completed: the key and the exact body it sent, and the id of the transfer
     * the API answered with. Re-sending {@code requestBody} with {@code idempotencyKey} must replay it.
     */
    public record CompletedTransfer(String idempotencyKey, String requestBody, String transferId) {

        /**
         * Endless Gatling feeder cycling through {@code transfers} (read lazily: they are made in
         * {@code before()}): {@code idempotencyKey}, {@code requestBody}, {@code transferId}.
         */
        public static Iterator<Map<String, Object>> feeder(Supplier<List<CompletedTransfer>> transfers) {
            AtomicInteger next = new AtomicInteger();
            return Stream.<Map<String, Object>>generate(() -> {
                List<CompletedTransfer> all = transfers.get();
                if (all.isEmpty()) {
                    throw new IllegalStateException("no completed transfers: the fixture did not run (or failed)");
                }
                CompletedTransfer t = all.get(Math.floorMod(next.getAndIncrement(), all.size()));
                return Map.of(LedgerRequests.IDEMPOTENCY_KEY, t.idempotencyKey(), "requestBody", t.requestBody(),
                        "transferId", t.transferId());
            }).iterator();
        }
    }

    /**
     * Completes {@code n} transfers through the API (not measured), each with a fresh key, between pairs
     * drawn by {@code pairs}, retried with the same key like every setup POST; returns what a client
     * would keep to retry them.
     */
    public List<CompletedTransfer> completeTransfers(int n, AccountPairs pairs) {
        long start = System.nanoTime();
        log("completing %,d transfers with known keys (the replay corpus)", n);
        List<CompletedTransfer> done = inParallel(n, "transfers completed", index -> {
            Map<String, Object> p;
            synchronized (pairs) {
                p = pairs.next();
            }
            String body = "{\"sourceAccountId\":\"" + p.get("sourceAccountId") + "\",\"destinationAccountId\":\""
                    + p.get("destinationAccountId") + "\",\"amount\":\"" + p.get("amount") + "\",\"currency\":\""
                    + currency + "\"}";
            String key = UUID.randomUUID().toString();
            JsonNode transfer = post("/api/v1/transfers", body, key, "transfer " + key);
            String id = transfer.path("id").asText(null);
            if (id == null || id.isBlank()) {
                throw new SetupException("POST /api/v1/transfers answered without an id: " + abbreviate(transfer.toString()));
            }
            return new CompletedTransfer(key, body, id);
        });
        log("completed %,d transfers in %.1f s (%.0f/s)", n, seconds(start), n / Math.max(seconds(start), 1e-3));
        return done;
    }

    /** POST with one fresh Idempotency-Key, re-sent unchanged on every retry. */
    private JsonNode post(String path, String body, String what) throws InterruptedException {
        return post(path, body, UUID.randomUUID().toString(), what);
    }

    /** POST with {@code key}, re-sent unchanged on every retry. */
    private JsonNode post(String path, String body, String key, String what) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .timeout(requestTimeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        int ioFailures = 0;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                // timeouts and resets: worth a retry or two, but a server that keeps hanging must
                // not stretch the setup to setupMaxAttempts x setupRequestTimeoutMs
                if (++ioFailures >= MAX_IO_FAILURES || attempt >= maxAttempts) {
                    throw new SetupException(what + ": POST " + path + " failed " + attempt + " times, last: " + describe(e), e);
                }
                countRetry(e.getClass().getSimpleName());
                Thread.sleep(backoffMs(attempt));
                continue;
            }
            int status = response.statusCode();
            if (status == 200 || status == 201) {
                try {
                    return JSON.readTree(response.body());
                } catch (IOException e) {
                    throw new UncheckedIOException(what + ": unparsable response " + abbreviate(response.body()), e);
                }
            }
            boolean retryable = status == 409 || status == 429 || status >= 500;
            if (!retryable || attempt >= maxAttempts) {
                String keyProblem = keyProblem(status);
                throw new SetupException((keyProblem == null ? "" : keyProblem + ": ") + what + ": POST " + path
                        + " -> " + status + " " + abbreviate(response.body())
                        + (retryable ? " (after " + attempt + " attempts)" : ""));
            }
            countRetry(String.valueOf(status));
            Thread.sleep(retryDelayMs(response, attempt));
        }
    }

    private long retryDelayMs(HttpResponse<?> response, int attempt) {
        Optional<String> retryAfter = response.headers().firstValue("Retry-After");
        if (retryAfter.isPresent()) {
            try {
                long ms = Math.min(Long.parseLong(retryAfter.get().trim()) * 1000, retryAfterCapMs);
                if (ms > 0) {
                    return ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1);
                }
            } catch (NumberFormatException ignored) {
                // an HTTP-date: fall back to our own back-off
            }
        }
        return backoffMs(attempt);
    }

    /** 25 ms, 50 ms, ... capped at 1 s, with jitter so the retries of hot-row losers spread out. */
    private static long backoffMs(int attempt) {
        long ceiling = Math.min(1000L, 25L << Math.min(attempt - 1, 6));
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    private void countRetry(String cause) {
        retries.increment();
        retriesByCause.computeIfAbsent(cause, c -> new LongAdder()).increment();
    }

    private String retrySummary() {
        Map<String, Long> m = new TreeMap<>();
        retriesByCause.forEach((k, v) -> m.put(k, v.sum()));
        return m.toString();
    }

    // ------------------------------------------------------------------ helpers

    /** A GET of {@code path} with the key. */
    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path))
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .GET();
    }

    private URI uri(String path) {
        try {
            return new URI(baseUrl + path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Bad base URL " + baseUrl, e);
        }
    }

    /** {@code perf/target}, found from where this class was compiled to ({@code perf/target/test-classes}). */
    static Path defaultCacheDir() {
        try {
            Path classes = Path.of(LedgerFixture.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (classes.getFileName() != null && classes.getFileName().toString().endsWith("classes")
                    && classes.getParent() != null) {
                return classes.getParent();
            }
        } catch (Exception ignored) {
            // fall through
        }
        return Path.of("target");
    }

    static String hash(String baseUrl) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(baseUrl.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String describe(Throwable e) {
        String msg = e.getMessage();
        return e.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : ": " + msg);
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }

    private static void log(String format, Object... args) {
        System.out.printf("[perf-setup] " + format + "%n", args);
        System.out.flush();
    }

    /**
     * The setup could not produce the accounts; the simulation must not start. Carries no stack
     * trace of its own (the message locates the problem), so a refused connection prints as one line.
     */
    public static final class SetupException extends RuntimeException {
        public SetupException(String message) {
            super(message, null, false, false);
        }

        public SetupException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
