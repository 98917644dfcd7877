package dev.polyledger.perf.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polyledger.perf.chaos.CarefulClient.Answer;
import dev.polyledger.perf.chaos.History.Posted;
import dev.polyledger.perf.chaos.History.Unknown;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The checks after the faults stopped, all through the public API (the ledger, the audit queries) and the run's
 * webhook receiver. Each failed check is a violation, described in one line:
 * <ol>
 *   <li>the ledger: every transfer touching the run's accounts (walked from their entries) is either acknowledged
 *       to exactly one request, or explained by one request that got no definite answer; every acknowledged
 *       transfer reads back ({@code GET}) with what its answer said and its two entries;</li>
 *   <li>money: per currency, the accounts' balances sum to what was credited into them from the world account
 *       (the world account holds the opposite); no account below zero, available balance included; and, when
 *       every operation got a definite answer, each account's balance is exactly what the acknowledged movements
 *       make it;</li>
 *   <li>events, once the system is quiet (bounded wait): every transfer has exactly one audit snapshot, and arrived
 *       at the webhook with exactly one webhook-id, correctly signed;</li>
 *   <li>the hash chain, when {@code GET /api/v1/accounts/{id}/verification} exists: {@code valid: true}.</li>
 * </ol>
 */
final class Checker {

    private final CarefulClient api;
    private final History history;
    private final Map<String, List<String>> accountsByCurrency;
    private final WebhookReceiver receiver;
    private final Instant started;
    private final PrintStream out;
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> facts = new java.util.LinkedHashMap<>();

    Checker(CarefulClient api, History history, Map<String, List<String>> accountsByCurrency, WebhookReceiver receiver,
            Instant started, PrintStream out) {
        this.api = api;
        this.history = history;
        this.accountsByCurrency = accountsByCurrency;
        this.receiver = receiver;
        this.started = started;
        this.out = out;
    }

    /** Runs every check; returns the violations (empty: all held). {@link #facts()} holds the figures. */
    List<String> run(Duration quiescence) {
        Map<String, Posted> acknowledged = Map.copyOf(history.posted());
        Set<String> ledger = transfersInEntries();
        facts.put("transfers in the ledger", String.valueOf(ledger.size()));
        checkLedger(acknowledged, ledger);
        checkMoney(acknowledged);
        checkEvents(ledger, quiescence);
        checkHashChains();
        return List.copyOf(violations);
    }

    Map<String, String> facts() {
        return facts;
    }

    private void violation(String what) {
        violations.add(what);
    }

    private Set<String> transfersInEntries() {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        parallel(allAccounts(), account -> {
            String cursor = null;
            do {
                Answer page = api.get("/api/v1/accounts/" + account + "/entries?limit=500" + (cursor == null ? "" : "&cursor=" + encode(cursor)));
                if (page.status() != 200) {
                    violation("entries of " + account + " unreadable: " + page.status() + " " + page.body());
                    return;
                }
                page.body().path("items").forEach(entry -> ids.add(entry.path("transferId").asText()));
                cursor = page.body().path("nextCursor").isTextual() ? page.body().path("nextCursor").asText() : null;
            } while (cursor != null);
        });
        return ids;
    }

    private void checkLedger(Map<String, Posted> acknowledged, Set<String> ledger) {
        parallel(acknowledged.values(), posted -> {
            if (!ledger.contains(posted.id()) ) {
                violation("acknowledged transfer " + posted.id() + " (" + posted.key() + ") is in no entry of its accounts");
            }
            Answer read = api.get("/api/v1/transfers/" + posted.id());
            JsonNode t = read.body();
            if (read.status() != 200) {
                violation("acknowledged transfer " + posted.id() + " reads " + read.status() + " " + t);
            } else if (!Posted.of(t, posted.key()).equals(posted)) {
                violation("transfer " + posted.id() + " reads back differently: " + t);
            } else if (t.path("entries").size() != 2
                    || !entry(t.path("entries"), posted.source(), "DEBIT", posted.amount())
                    || !entry(t.path("entries"), posted.destination(), "CREDIT", posted.amount())) {
                violation("transfer " + posted.id() + " has wrong entries: " + t.path("entries"));
            }
        });
        Set<String> extra = new HashSet<>(ledger);
        extra.removeAll(acknowledged.keySet());
        facts.put("transfers applied without a definite answer", String.valueOf(extra.size()));
        Map<String, Integer> unknownBudget = new HashMap<>();
        for (Unknown op : history.unknown()) {
            unknownBudget.merge(op.kind().equals("capture") ? "hold:" + op.holdId() : "key:" + op.key(), 1, Integer::sum);
        }
        for (String id : extra) {
            Answer read = api.get("/api/v1/transfers/" + id);
            JsonNode t = read.body();
            String anchor = t.path("kind").asText().equals("HOLD_POST") ? "hold:" + t.path("holdId").asText()
                    : "key:" + t.path("reference").asText();
            Integer budget = unknownBudget.get(anchor);
            if (budget == null || budget == 0) {
                violation("transfer " + id + " (" + t.path("kind").asText() + ", reference " + t.path("reference").asText()
                        + ") was acknowledged to no request and explained by no unanswered one: a key applied twice?");
            } else {
                unknownBudget.put(anchor, budget - 1);
            }
        }
    }

    private static boolean entry(JsonNode entries, String account, String direction, long amount) {
        for (JsonNode e : entries) {
            if (e.path("accountId").asText().equals(account) && e.path("direction").asText().equals(direction)
                    && History.minor(e.path("amount").asText("0")) == amount) {
                return true;
            }
        }
        return false;
    }

    private void checkMoney(Map<String, Posted> acknowledged) {
        Map<String, Long> model = new HashMap<>();
        Map<String, Long> funded = new HashMap<>();
        for (Posted p : acknowledged.values()) {
            model.merge(p.source(), -p.amount(), Long::sum);
            model.merge(p.destination(), p.amount(), Long::sum);
            if (p.kind().equals("CREDIT")) {
                funded.merge(p.currency(), p.amount(), Long::sum);
            }
        }
        boolean exact = history.unknown().isEmpty();
        for (Map.Entry<String, List<String>> currency : accountsByCurrency.entrySet()) {
            long sum = 0;
            for (String account : currency.getValue()) {
                JsonNode a = api.get("/api/v1/accounts/" + account).body();
                long balance = History.minor(a.path("balance").asText("0"));
                long available = History.minor(a.path("availableBalance").asText(a.path("balance").asText("0")));
                sum += balance;
                if (balance < 0 || available < 0) {
                    violation("account " + account + " below zero: balance " + History.major(balance) + ", available " + History.major(available));
                }
                if (exact && balance != model.getOrDefault(account, 0L)) {
                    violation("account " + account + " has " + History.major(balance) + ", the acknowledged movements make "
                            + History.major(model.getOrDefault(account, 0L)));
                }
            }
            long in = funded.getOrDefault(currency.getKey(), 0L);
            facts.put("money " + currency.getKey(), "accounts sum " + History.major(sum) + ", credited " + History.major(in));
            if (sum != in) {
                violation(currency.getKey() + ": the accounts sum to " + History.major(sum) + " but " + History.major(in) + " was credited");
            }
        }
        facts.put("balances checked exactly against the model", exact ? "yes" : "no (some operations have unknown outcomes)");
    }

    private void checkEvents(Set<String> ledger, Duration quiescence) {
        long deadline = System.nanoTime() + quiescence.toNanos();
        long waitStart = System.nanoTime();
        Map<String, Integer> snapshots;
        while (true) {
            snapshots = auditSnapshotsByTransfer();
            boolean quiet = snapshots.keySet().containsAll(ledger)
                    && receiver.webhookIdsByTransfer().keySet().containsAll(ledger);
            if (quiet || System.nanoTime() > deadline) {
                break;
            }
            CarefulClient.sleep(3_000);
        }
        facts.put("quiescence after faults", String.format("%.0f s", (System.nanoTime() - waitStart) / 1e9));
        facts.put("audit snapshots", String.valueOf(snapshots.values().stream().mapToInt(Integer::intValue).sum()));
        facts.put("webhook deliveries (with redeliveries)", String.valueOf(receiver.deliveries()));
        int missingAudit = 0, missingHook = 0;
        for (String id : ledger) {
            int n = snapshots.getOrDefault(id, 0);
            if (n != 1) {
                missingAudit += n == 0 ? 1 : 0;
                violation("transfer " + id + " has " + n + " audit snapshots");
            }
            Set<String> hooks = receiver.webhookIdsByTransfer().getOrDefault(id, Set.of());
            if (hooks.size() != 1) {
                missingHook += hooks.isEmpty() ? 1 : 0;
                violation("transfer " + id + " reached the webhook with " + hooks.size() + " webhook-ids " + hooks);
            }
        }
        for (String id : snapshots.keySet()) {
            if (!ledger.contains(id)) {
                violation("audit snapshot of transfer " + id + ", which is in no entry of the run's accounts");
            }
        }
        facts.put("transfers without audit snapshot / webhook", missingAudit + " / " + missingHook);
        if (receiver.badSignatures() > 0) {
            violation(receiver.badSignatures() + " webhook deliveries with a wrong webhook-signature");
        }
    }

    /** Snapshots of {@code transfer.posted} since the run started, counted per transfer id. */
    private Map<String, Integer> auditSnapshotsByTransfer() {
        Map<String, Integer> counts = new HashMap<>();
        String base = "/api/v1/audit/events?type=transfer.posted&limit=500&from=" + encode(started.minusSeconds(60).toString());
        String cursor = null;
        do {
            Answer page = api.get(base + (cursor == null ? "" : "&cursor=" + encode(cursor)));
            if (page.status() != 200) {
                out.println("chaos: audit query answered " + page.status() + " " + page.body() + " (retrying)");
                return counts;
            }
            page.body().path("items").forEach(s -> counts.merge(s.path("data").path("id").asText(), 1, Integer::sum));
            cursor = page.body().path("nextCursor").isTextual() ? page.body().path("nextCursor").asText() : null;
        } while (cursor != null);
        return counts;
    }

    private void checkHashChains() {
        List<String> accounts = allAccounts();
        Answer probe = api.get("/api/v1/accounts/" + accounts.get(0) + "/verification");
        if (probe.status() != 200) {
            facts.put("hash chains", "not checked: GET /api/v1/accounts/{id}/verification answers " + probe.status());
            return;
        }
        parallel(accounts, account -> {
            Answer v = api.get("/api/v1/accounts/" + account + "/verification");
            if (v.status() != 200 || !v.body().path("valid").asBoolean(false)) {
                violation("hash chain of account " + account + ": " + v.status() + " " + v.body());
            }
        });
        facts.put("hash chains", accounts.size() + " accounts verified");
    }

    private List<String> allAccounts() {
        return accountsByCurrency.values().stream().flatMap(List::stream).toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static <T> void parallel(java.util.Collection<T> items, Consumer<T> check) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> check.accept(item)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("a check failed to run", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
