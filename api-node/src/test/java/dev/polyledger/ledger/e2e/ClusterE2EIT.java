package dev.polyledger.ledger.e2e;

import static dev.polyledger.ledger.testing.LedgerClient.transferBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.ledger.testing.LedgerClient;
import dev.polyledger.ledger.testing.LedgerInvariants;
import dev.polyledger.ledger.testing.TestDatabase;
import io.lettuce.core.RedisClient;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole platform as the README runs it: {@code bin/cluster up} starts three api-nodes behind NGINX on the
 * local PostgreSQL and Redis (on ports of its own, beside any cluster a developer has running), and every
 * request here goes through NGINX.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterE2EIT {
    private static final int HTTP_PORT = Integer.parseInt(System.getProperty("e2e.port", "18080"));
    private static final List<Integer> NODE_PORTS = List.of(HTTP_PORT + 1, HTTP_PORT + 2, HTTP_PORT + 3);
    private static final String VHOST = "ledger-e2e";
    private final Path repo = Path.of(System.getProperty("ledger.repo.root", "..")).toAbsolutePath().normalize();
    private final Path runDir = Path.of("target", "e2e-cluster").toAbsolutePath();
    private LedgerClient api;
    private ExecutorService pool;

    @BeforeAll
    void startCluster() throws Exception {
        TestDatabase.recreateOnce();
        pool = Executors.newFixedThreadPool(20);
        cluster("down");
        var up = cluster("up");
        assertThat(up.exitCode()).as("bin/cluster up:\n%s", up.output()).isZero();
        // The README's way: the operator key bin/cluster generated on its first start.
        var key = cluster("key");
        assertThat(key.exitCode()).as("bin/cluster key:\n%s", key.output()).isZero();
        String operatorKey = key.output().strip();
        assertThat(operatorKey).startsWith("plk_").hasSizeGreaterThanOrEqualTo(32);
        assertThat(up.output()).as("up prints the key it generated").contains(operatorKey);
        api = new LedgerClient("http://127.0.0.1:" + HTTP_PORT, operatorKey);
    }

    @AfterAll
    void stopCluster() throws Exception {
        pool.shutdownNow();
        var down = cluster("down");
        assertThat(down.exitCode()).as("bin/cluster down:\n%s", down.output()).isZero();
        for (int port : NODE_PORTS) {
            assertThat(listening(port)).as("port %d after down", port).isFalse();
        }
        assertThat(listening(HTTP_PORT)).as("NGINX after down").isFalse();
    }

    @Test
    @Order(1)
    void entryPointIsHealthyAndTracesEveryRequest() throws Exception {
        var health = api.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
        assertThat(health.header("X-Request-Id")).isNotBlank();

        var traced = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/health"))
                .header("X-Request-Id", "e2e-trace-1"));
        assertThat(traced.header("X-Request-Id")).isEqualTo("e2e-trace-1");

        var status = cluster("status");
        assertThat(status.exitCode()).as(status.output()).isZero();
    }

    @Test
    @Order(1)
    void refusesRequestsWithoutAKeyAndExposesNoManagementEndpoint() {
        var anonymous = api.withKey(null).get("/api/v1/accounts/" + UUID.randomUUID());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
        for (String path : List.of("/prometheus", "/metrics", "/beans", "/env", "/loggers", "/threaddump", "/routes")) {
            var answer = api.get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.header("Content-Type")).as(path).startsWith("application/problem+json");
        }
        var health = api.withKey(null).get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.raw().body()).doesNotContain("jdbc:").doesNotContain("postgresql://");
    }

    @Test
    @Order(2)
    void keepsTwoTenantsCreatedThroughTheEntryPointApart() {
        LedgerClient acme = api.newTenant("e2e-acme");
        LedgerClient globex = api.newTenant("e2e-globex");
        String acmeAccount = acme.openAccount("USD");
        var credit = acme.credit(acmeAccount, "10.00");
        assertThat(credit.status()).isEqualTo(201);
        String globexAccount = globex.openAccount("USD");
        String snapshot = "/api/v1/audit/transfers/" + credit.text("id");
        var own = acme.awaitGet(snapshot, answer -> answer.status() == 200, java.time.Duration.ofSeconds(30));
        assertThat(own.status()).as("the tenant's own audit snapshot: %s", own).isEqualTo(200);
        assertThat(own.text("actor")).as("the key id, never the key").startsWith("key_");
        assertThat(globex.get(snapshot).status()).isEqualTo(404);
        assertThat(api.get(snapshot).status()).as("not even the operator's tenant sees it").isEqualTo(404);

        assertThat(globex.get("/api/v1/accounts/" + acmeAccount).status()).isEqualTo(404);
        assertThat(globex.post("/api/v1/transfers", transferBody(acmeAccount, globexAccount, "10.00", "USD")).code())
                .isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(acme.balance(acmeAccount)).isEqualTo("10.00");
        assertThat(globex.balance(globexAccount)).isEqualTo("0.00");
    }

    @Test
    @Order(2)
    void spreadsRequestsOverTheThreeNodes() throws IOException {
        for (int i = 0; i < 12; i++) {
            assertThat(api.openAccount("USD")).isNotBlank();
        }
        String log = Files.readString(runDir.resolve("logs").resolve("nginx-access.log"));
        for (int port : NODE_PORTS) {
            assertThat(log).as("a request reached the node on %d", port).contains("127.0.0.1:" + port);
        }
    }

    @Test
    @Order(3)
    void answersProblemsAtTheEdgeToo() {
        var unknown = api.get("/not/a/route");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        var tooLarge = api.post("/api/v1/accounts", "{\"currency\":\"USD\",\"metadata\":{\"k\":\"" + "x".repeat(70_000) + "\"}}");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.code()).isEqualTo("REQUEST_TOO_LARGE");
    }

    @Test
    @Order(4)
    void twentyConcurrentRequestsWithOneKeyPostExactlyOneTransfer() throws Exception {
        String a = api.openAccount("USD");
        String b = api.openAccount("USD");
        assertThat(api.credit(a, "100").status()).isEqualTo(201);
        String key = UUID.randomUUID().toString();
        String body = transferBody(a, b, "12.34", "USD");
        var start = new CountDownLatch(1);
        var answers = new ArrayList<Future<LedgerClient.Answer>>();
        for (int i = 0; i < 20; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return api.post("/api/v1/transfers", body, key);
            }));
        }
        start.countDown();
        Set<String> ids = new HashSet<>();
        for (var answer : answers) {
            var got = answer.get(60, TimeUnit.SECONDS);
            assertThat(got.status()).as(got.toString()).isIn(201, 409);
            if (got.status() == 201) {
                ids.add(got.text("id"));
            }
        }
        assertThat(ids).hasSize(1);
        assertThat(api.balance(b)).isEqualTo("12.34");
        assertThat(LedgerInvariants.count("SELECT count(*) FROM transfer WHERE destination_account_id = '" + b + "'"))
                .isEqualTo(1);
    }

    @Test
    @Order(5)
    void randomTransfersStayExactlyOnceWhenRedisIsFlushedMidway() throws Exception {
        List<String> accounts = fundedAccounts(4, "1000.00");
        var sent = new CopyOnWriteArrayList<Sent>();
        var flushed = new CountDownLatch(1);
        var done = new AtomicInteger();
        var tasks = new ArrayList<Future<?>>();
        for (int t = 0; t < 16; t++) {
            tasks.add(pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    sent.add(randomTransfer(accounts));
                    if (done.incrementAndGet() == 160) {
                        flushRedis();
                        flushed.countDown();
                    }
                }
                return null;
            }));
        }
        for (var task : tasks) {
            task.get(5, TimeUnit.MINUTES);
        }
        assertThat(flushed.getCount()).isZero();

        // No 5xx, only money answers; every key replays its first answer after the flush.
        assertThat(statuses(sent)).as("statuses").isSubsetOf(201, 422);
        for (Sent s : sent) {
            var replay = api.post("/api/v1/transfers", s.body(), s.key());
            assertThat(replay.status()).isEqualTo(s.answer().status());
            assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(replay.raw().body()).isEqualTo(s.answer().raw().body());
        }
        assertConserved(accounts, "4000.00", sent);
    }

    @Test
    @Order(6)
    void aNodeKilledUnderLoadLosesNothingAndComesBackByItself() throws Exception {
        List<String> accounts = fundedAccounts(4, "1000.00");
        int restartsBefore = part("api-node-2").restarts();
        var killed = new java.util.concurrent.atomic.AtomicReference<String>();
        var sent = new CopyOnWriteArrayList<Sent>();
        var done = new AtomicInteger();
        var tasks = new ArrayList<Future<?>>();
        for (int t = 0; t < 8; t++) {
            tasks.add(pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    var s = randomTransfer(accounts);
                    // A client retries a 409 (first attempt still in flight on the dead node) with the same key.
                    for (int attempt = 0; s.answer().status() == 409 && attempt < 40; attempt++) {
                        Thread.sleep(500);
                        s = new Sent(s.key(), s.body(), api.post("/api/v1/transfers", s.body(), s.key()));
                    }
                    sent.add(s);
                    if (done.incrementAndGet() == 40) {
                        killed.set(killNode(2));
                    }
                }
                return null;
            }));
        }
        for (var task : tasks) {
            task.get(5, TimeUnit.MINUTES);
        }
        assertThat(statuses(sent)).as("statuses").isSubsetOf(201, 422);
        assertConserved(accounts, "4000.00", sent);

        // Nobody runs anything: the cluster's supervisor started the node again, and status says so.
        assertThat(killed.get()).as("the node was killed").isNotNull();
        var back = awaitBack("api-node-2", NODE_PORTS.get(1), killed.get(), java.time.Duration.ofSeconds(60));
        assertThat(back.getKey().restarts()).as("restarts of api-node-2 in status").isEqualTo(restartsBefore + 1);
        assertThat(cluster("status").exitCode()).isZero();
        var up = cluster("up");
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(part("api-node-2").pid()).as("up leaves a running node alone").isEqualTo(back.getKey().pid());
    }

    @Test
    @Order(7)
    void aTransfersAuditSnapshotIsQueryableWithinSecondsWithItsRequestId() throws Exception {
        String a = api.openAccount("USD");
        String b = api.openAccount("USD");
        api.credit(a, "50");
        var transfer = api.post("/api/v1/transfers", transferBody(a, b, "5.00", "USD"), UUID.randomUUID().toString(),
                "e2e-audit-trace-7");
        assertThat(transfer.status()).isEqualTo(201);
        String id = transfer.text("id");

        var snapshot = awaitSnapshot(id, java.time.Duration.ofSeconds(10));
        assertThat(snapshot.text("requestId")).isEqualTo("e2e-audit-trace-7");
        assertThat(snapshot.text("type")).isEqualTo("transfer.posted");
        assertThat(snapshot.text("source")).startsWith("api-node-");
        assertThat(snapshot.json().get("data").get("entries").get(0).get("balanceAfter").asText()).isEqualTo("45.00");
        var byAccount = api.get("/api/v1/audit/events?accountId=" + b + "&type=transfer.posted");
        assertThat(byAccount.status()).isEqualTo(200);
        assertThat(byAccount.json().get("items").get(0).get("aggregateId").asText()).isEqualTo(id);
    }

    @Test
    @Order(7)
    void aCardPaymentAndARefundThroughTheEntryPointReachTheAuditTrail() throws Exception {
        String card = api.openAccount("USD");
        String shop = api.openAccount("USD");
        api.credit(card, "100.00");
        var hold = api.post("/api/v1/holds", "{\"sourceAccountId\":\"" + card + "\",\"destinationAccountId\":\"" + shop
                + "\",\"amount\":\"30.00\",\"currency\":\"USD\"}");
        assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
        String holdId = hold.text("id");
        var capture = api.post("/api/v1/holds/" + holdId + "/post", "{\"amount\":\"10.00\"}");
        assertThat(capture.status()).as(capture.toString()).isEqualTo(201);
        assertThat(capture.text("kind")).isEqualTo("HOLD_POST");
        var voided = api.post("/api/v1/holds/" + holdId + "/void", null);
        assertThat(voided.text("status")).isEqualTo("VOIDED");
        var refund = api.post("/api/v1/transfers/" + capture.text("id") + "/refunds", "{\"amount\":\"4.00\"}");
        assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
        assertThat(refund.text("kind")).isEqualTo("REFUND");
        var account = api.get("/api/v1/accounts/" + card);
        assertThat(account.text("balance")).isEqualTo("94.00");
        assertThat(account.text("heldAmount")).isEqualTo("0.00");

        for (String type : List.of("hold.created", "hold.posted", "hold.voided")) {
            var trail = api.awaitGet("/api/v1/audit/events?accountId=" + card + "&type=" + type,
                    answer -> answer.status() == 200 && answer.json().get("items").size() > 0, java.time.Duration.ofSeconds(10));
            assertThat(trail.status()).as("%s: %s", type, trail).isEqualTo(200);
            assertThat(trail.json().get("items")).as("%s in the card's audit trail", type).isNotEmpty();
            assertThat(trail.json().get("items").get(0).get("aggregateId").asText()).as(type).isEqualTo(holdId);
        }
        var refundSnapshot = awaitSnapshot(refund.text("id"), java.time.Duration.ofSeconds(10));
        assertThat(refundSnapshot.json().get("data").get("kind").asText()).isEqualTo("REFUND");
    }

    @Test
    @Order(8)
    void theAuditTrailSurvivesAKilledWorkerAndABrokerRestart() throws Exception {
        List<String> accounts = fundedAccounts(4, "1000.00");
        var sent = new CopyOnWriteArrayList<Sent>();
        var done = new AtomicInteger();
        var tasks = new ArrayList<Future<?>>();
        for (int t = 0; t < 8; t++) {
            tasks.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    sent.add(randomTransfer(accounts));
                    int n = done.incrementAndGet();
                    if (n == 50) {
                        killPart("audit-worker");
                    }
                    if (n == 100) {
                        restartBroker();
                    }
                }
                return null;
            }));
        }
        for (var task : tasks) {
            task.get(5, TimeUnit.MINUTES);
        }
        assertThat(statuses(sent)).as("statuses while the broker restarted").isSubsetOf(201, 422);
        var up = cluster("up");
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertEveryTransferHasExactlyOneSnapshot(sent, java.time.Duration.ofSeconds(60));
    }

    @Test
    @Order(9)
    void aSubscribedReceiverGetsTheTransferSignedPerStandardWebhooks() throws Exception {
        var received = new java.util.concurrent.LinkedBlockingQueue<Map<String, String>>();
        var receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(Map.of(
                    "id", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")),
                    "timestamp", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-timestamp")),
                    "signature", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-signature")),
                    "body", new String(body, java.nio.charset.StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            var subscription = api.post("/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                    + "/hook\",\"eventTypes\":[\"transfer.posted\"],\"description\":\"e2e\"}");
            assertThat(subscription.status()).as(subscription.toString()).isEqualTo(201);
            String secret = subscription.text("secret");
            assertThat(secret).startsWith("whsec_");

            String a = api.openAccount("USD");
            String transferId = api.credit(a, "9.99").text("id");

            Map<String, String> delivery = null;
            var deadline = java.time.Instant.now().plusSeconds(20);
            while (java.time.Instant.now().isBefore(deadline)) {
                var next = received.poll(1, TimeUnit.SECONDS);
                if (next != null && next.get("body").contains(transferId)) {
                    delivery = next;
                    break;
                }
            }
            assertThat(delivery).as("a delivery of transfer %s", transferId).isNotNull();
            // The signature, computed independently: base64(HMAC-SHA256(secret, "{id}.{timestamp}.{body}")).
            var mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(
                    java.util.Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            String expected = "v1," + java.util.Base64.getEncoder().encodeToString(mac.doFinal(
                    (delivery.get("id") + "." + delivery.get("timestamp") + "." + delivery.get("body"))
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(delivery.get("signature").split(" ")).contains(expected);
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(delivery.get("body")).get("eventId").asText())
                    .isEqualTo(delivery.get("id"));
            // The worker records DELIVERED once the receiver's answer is in.
            LedgerClient.Answer deliveries;
            var recorded = java.time.Instant.now().plusSeconds(5);
            do {
                deliveries = api.get("/api/v1/webhooks/" + subscription.text("id") + "/deliveries");
                assertThat(deliveries.status()).isEqualTo(200);
            } while (!deliveries.raw().body().contains("DELIVERED") && java.time.Instant.now().isBefore(recorded));
            assertThat(deliveries.raw().body()).contains("DELIVERED").contains(delivery.get("id"));
            assertThat(api.send(api.request("/api/v1/webhooks/" + subscription.text("id")).DELETE()).status())
                    .isEqualTo(204);
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * Issue 12's measurement, as a test: the three nodes killed with SIGKILL in turn under a light load each serve
     * again within seconds with nobody acting (the supervisor restarts them), and the platform keeps answering.
     */
    @Test
    @Order(10)
    void allThreeNodesKilledInTurnUnderLoadServeAgainByThemselves() throws Exception {
        List<String> accounts = fundedAccounts(4, "1000.00");
        var sent = new CopyOnWriteArrayList<Sent>();
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        var tasks = new ArrayList<Future<?>>();
        for (int t = 0; t < 4; t++) {
            tasks.add(pool.submit(() -> {
                while (!stop.get()) {
                    var s = randomTransfer(accounts);
                    // A client retries a 409 (its first attempt in flight on a killed node) or an entry point that
                    // found no node, with the same key: the ledger answers it exactly once.
                    for (int attempt = 0; (s.answer().status() == 409 || s.answer().status() >= 500) && attempt < 60;
                            attempt++) {
                        Thread.sleep(500);
                        s = new Sent(s.key(), s.body(), api.post("/api/v1/transfers", s.body(), s.key()));
                    }
                    sent.add(s);
                    Thread.sleep(20);
                }
                return null;
            }));
        }
        try {
            // Control: the load is served before anything is killed.
            awaitCount(sent, 20, java.time.Duration.ofSeconds(60));
            assertThat(statuses(sent)).as("statuses before the kills").isSubsetOf(201, 422);
            var figures = new ArrayList<String>();
            for (int n = 1; n <= 3; n++) {
                int restarts = part("api-node-" + n).restarts();
                String pid = killNode(n);
                var back = awaitBack("api-node-" + n, NODE_PORTS.get(n - 1), pid, java.time.Duration.ofSeconds(30));
                figures.add("api-node-" + n + " " + back.getValue().toMillis() + " ms");
                assertThat(back.getKey().pid()).as("a new process").isNotEqualTo(pid);
                assertThat(back.getKey().restarts()).as("restarts of api-node-%d", n).isEqualTo(restarts + 1);
            }
            System.out.println("kill -9 to /health UP again: " + figures);
            int before = sent.size();
            awaitCount(sent, before + 20, java.time.Duration.ofSeconds(60));
        } finally {
            stop.set(true);
            for (var task : tasks) {
                task.get(5, TimeUnit.MINUTES);
            }
        }
        assertThat(statuses(sent)).as("statuses through three kills").isSubsetOf(201, 422);
        assertConserved(accounts, "4000.00", sent);
        assertThat(cluster("status").exitCode()).isZero();
    }

    private static void awaitCount(List<Sent> sent, int count, java.time.Duration within) throws InterruptedException {
        var deadline = java.time.Instant.now().plus(within);
        while (sent.size() < count && java.time.Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(sent.size()).as("requests answered within %s", within).isGreaterThanOrEqualTo(count);
    }

    /**
     * Every transfer of {@code sent} that was acknowledged (201) is committed in PostgreSQL and has one audit snapshot,
     * no more. (The outbox keeps no published rows, so the transfers to follow are the ones the clients were told of;
     * the database is shared with the in-process integration tests, whose events go to a vhost of their own.)
     */
    private void assertEveryTransferHasExactlyOneSnapshot(List<Sent> sent, java.time.Duration within) throws Exception {
        List<String> transferIds = sent.stream().filter(s -> s.answer().status() == 201)
                .map(s -> s.answer().text("id")).toList();
        assertThat(transferIds).isNotEmpty();
        try (var conn = TestDatabase.connect(); var ps = conn.prepareStatement(
                "SELECT count(*) FROM transfer WHERE tenant_id = 'default' AND id = ANY(?)")) {
            ps.setArray(1, conn.createArrayOf("uuid", transferIds.stream().map(UUID::fromString).toArray()));
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("acknowledged transfers committed").isEqualTo(transferIds.size());
            }
        }
        for (String id : transferIds) {
            awaitSnapshot(id, within);
            var events = api.get("/api/v1/audit/events?transferId=" + id + "&limit=10");
            assertThat(events.json().get("items")).as("snapshots of transfer %s", id).hasSize(1);
        }
    }

    private LedgerClient.Answer awaitSnapshot(String transferId, java.time.Duration within) throws InterruptedException {
        var deadline = java.time.Instant.now().plus(within);
        LedgerClient.Answer answer;
        do {
            answer = api.get("/api/v1/audit/transfers/" + transferId);
            if (answer.status() == 200) {
                return answer;
            }
            Thread.sleep(100);
        } while (java.time.Instant.now().isBefore(deadline));
        throw new AssertionError("no audit snapshot of transfer " + transferId + " within " + within + ": " + answer);
    }

    /** Kills PART with SIGKILL (no chance to clean up), by the PID {@code bin/cluster status} shows; returns it. */
    private String killPart(String part) throws IOException, InterruptedException {
        String pid = part(part).pid();
        assertThat(pid).as("%s has a pid in bin/cluster status", part).matches("[0-9]+");
        assertThat(new ProcessBuilder("kill", "-9", pid).inheritIO().start().waitFor()).isZero();
        return pid;
    }

    /** One line of {@code bin/cluster status}: PART STATE PID PORT UPTIME RESTARTS HEALTH. */
    private record Part(String state, String pid, int restarts) {
    }

    private Part part(String name) throws IOException, InterruptedException {
        var status = cluster("status");
        for (String line : status.output().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 6 && f[0].equals(name)) {
                return new Part(f[1], f[2], f[5].matches("[0-9]+") ? Integer.parseInt(f[5]) : -1);
            }
        }
        throw new AssertionError("no line for " + name + " in bin/cluster status:\n" + status.output());
    }

    /**
     * Waits until PART answers /health on PORT from a process other than {@code killedPid}, nobody acting but the
     * cluster's supervisor; returns its status line and how long that took.
     */
    private Map.Entry<Part, java.time.Duration> awaitBack(String name, int port, String killedPid, java.time.Duration within)
            throws Exception {
        long start = System.nanoTime();
        var deadline = java.time.Instant.now().plus(within);
        Part last = null;
        while (java.time.Instant.now().isBefore(deadline)) {
            if (nodeHealth(port) == 200) {
                last = part(name);
                if (last.state().equals("running") && !last.pid().equals(killedPid)) {
                    return Map.entry(last, java.time.Duration.ofNanos(System.nanoTime() - start));
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " not back within " + within + " (killed pid " + killedPid + ", last " + last + ")");
    }

    private static int nodeHealth(int port) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                            .timeout(java.time.Duration.ofSeconds(1)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Stops and starts the broker's application (the node stays, the connections all drop). */
    private void restartBroker() throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("rabbitmqctl", "stop_app").inheritIO().start().waitFor()).isZero();
        Thread.sleep(2_000);
        assertThat(new ProcessBuilder("rabbitmqctl", "start_app").inheritIO().start().waitFor()).isZero();
    }

    // ----- helpers -----

    private record Sent(String key, String body, LedgerClient.Answer answer) {
    }

    private record Result(int exitCode, String output) {
    }

    private Sent randomTransfer(List<String> accounts) {
        var random = ThreadLocalRandom.current();
        int from = random.nextInt(accounts.size());
        int to = (from + 1 + random.nextInt(accounts.size() - 1)) % accounts.size();
        String body = transferBody(accounts.get(from), accounts.get(to),
                BigDecimal.valueOf(random.nextInt(1, 30_000), 2).toPlainString(), "USD");
        String key = UUID.randomUUID().toString();
        return new Sent(key, body, api.post("/api/v1/transfers", body, key));
    }

    private List<String> fundedAccounts(int n, String amount) {
        var ids = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            String id = api.openAccount("USD");
            assertThat(api.credit(id, amount).status()).isEqualTo(201);
            ids.add(id);
        }
        return ids;
    }

    private static Set<Integer> statuses(List<Sent> sent) {
        Map<Integer, Integer> counts = new ConcurrentHashMap<>();
        sent.forEach(s -> counts.merge(s.answer().status(), 1, Integer::sum));
        return counts.keySet();
    }

    /** Balances add up, every 201 is exactly one transfer row and nothing else was posted. */
    private void assertConserved(List<String> accounts, String total, List<Sent> sent) throws Exception {
        BigDecimal sum = BigDecimal.ZERO;
        for (String id : accounts) {
            sum = sum.add(new BigDecimal(api.balance(id)));
        }
        assertThat(sum).isEqualByComparingTo(total);
        long created = sent.stream().filter(s -> s.answer().status() == 201).map(s -> s.answer().text("id")).distinct().count();
        assertThat(created).isEqualTo(sent.stream().filter(s -> s.answer().status() == 201).count());
        String in = String.join("','", accounts);
        assertThat(LedgerInvariants.count("SELECT count(*) FROM transfer WHERE kind = 'TRANSFER' AND source_account_id IN ('"
                + in + "')")).isEqualTo(created);
        LedgerInvariants.assertHold();
    }

    private void flushRedis() {
        var client = RedisClient.create(System.getenv().getOrDefault("LEDGER_TEST_REDIS_URI", "redis://127.0.0.1:6379"));
        try (var connection = client.connect()) {
            connection.sync().flushall();
        } finally {
            client.shutdown();
        }
    }

    private String killNode(int n) throws IOException, InterruptedException {
        return killPart("api-node-" + n);
    }

    private Result cluster(String command) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(repo.resolve("bin/cluster").toString(), command)
                .directory(repo.toFile())
                .redirectErrorStream(true);
        var env = builder.environment();
        env.put("LEDGER_HTTP_PORT", String.valueOf(HTTP_PORT));
        env.put("LEDGER_NODE_PORTS", NODE_PORTS.stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElseThrow());
        env.put("LEDGER_RUN_DIR", runDir.toString());
        // A vhost and ports of its own: a developer's cluster on the same broker must not take these events.
        env.put("LEDGER_RABBITMQ_URI", "amqp://guest:guest@127.0.0.1:5672/" + VHOST);
        env.put("LEDGER_AUDIT_PORT", String.valueOf(HTTP_PORT + 10));
        env.put("LEDGER_NOTIFICATION_PORT", String.valueOf(HTTP_PORT + 11));
        env.put("LEDGER_DEV_MONGO_PORT", String.valueOf(HTTP_PORT + 17));
        env.remove("MONGODB_URI");
        env.put("LEDGER_DB_URL", TestDatabase.url());
        env.put("LEDGER_BUILD", "never");
        env.put("LEDGER_API_NODE_JAR", System.getProperty("ledger.jar",
                repo.resolve("api-node/target/api-node-0.1.0-SNAPSHOT.jar").toString()));
        env.put("LEDGER_JAVA_OPTS", "-Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError");
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), output);
    }

    private static boolean listening(int port) {
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
