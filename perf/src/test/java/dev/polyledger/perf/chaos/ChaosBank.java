package dev.polyledger.perf.chaos;

import dev.polyledger.perf.chaos.CarefulClient.Answer;
import dev.polyledger.perf.chaos.History.Posted;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The bank workload of {@code perf/chaos} (README, "Chaos run"), Jepsen-style: funded accounts, careful clients
 * moving money between them while {@code perf/chaos} injects faults, then the {@link Checker}'s verdict.
 *
 * <p>Usage (the API key in {@code LEDGER_API_KEY}):
 * {@code ChaosBank --base-url URL [--duration S] [--accounts N] [--clients W] [--currencies USD,EUR]
 * [--resend 0.2] [--receiver-port P] [--faults-log FILE] [--faults-done FILE] [--quiescence S] [--give-up S]
 * [--max-failure-pct 0.1] [--seed N] [--started FILE]}. {@code --started}: written when the accounts are funded and the
 * clients start (the fault injector's clock starts then).
 * {@code --faults-done}: after the workload, wait (at most {@code --give-up} + 120 s) for this file, written by
 * the fault injector once every dependency is back, before checking. Exit 0: no violation; 1: violations (or more
 * client-visible failures than {@code --max-failure-pct} % of the operations); 2: the setup failed.
 */
public final class ChaosBank {

    private ChaosBank() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        PrintStream out = System.out;
        String apiKey = System.getenv("LEDGER_API_KEY");
        if (apiKey == null || apiKey.isBlank()) {
            out.println("chaos: LEDGER_API_KEY is not set");
            System.exit(2);
        }
        int duration = Integer.parseInt(o.getOrDefault("duration", "600"));
        int accountsPerCurrency = Integer.parseInt(o.getOrDefault("accounts", "20"));
        int clients = Integer.parseInt(o.getOrDefault("clients", "8"));
        List<String> currencies = List.of(o.getOrDefault("currencies", "USD,EUR").split(","));
        double resend = Double.parseDouble(o.getOrDefault("resend", "0.2"));
        Duration giveUp = Duration.ofSeconds(Long.parseLong(o.getOrDefault("give-up", "120")));
        long seed = Long.parseLong(o.getOrDefault("seed", String.valueOf(System.nanoTime())));
        String runId = UUID.randomUUID().toString().substring(0, 8);
        Instant started = Instant.now();
        CarefulClient api = new CarefulClient(o.getOrDefault("base-url", "http://127.0.0.1:8080"), apiKey, giveUp);
        History history = new History();
        out.printf("chaos: run %s, seed %d: %d accounts per currency %s, %d clients, %d s%n", runId, seed,
                accountsPerCurrency, currencies, clients, duration);

        try (WebhookReceiver receiver = new WebhookReceiver(Integer.parseInt(o.getOrDefault("receiver-port", "0")))) {
            Answer webhook = api.post("/api/v1/webhooks", Map.of("url", receiver.url(), "eventTypes", List.of("transfer.posted"),
                    "description", "chaos run " + runId), "chaos-" + runId + "-webhook");
            if (webhook.status() != 201) {
                out.println("chaos: cannot subscribe the webhook receiver: " + webhook.status() + " " + webhook.body());
                System.exit(2);
            }
            receiver.secret(webhook.body().path("secret").asText());
            Map<String, List<String>> accounts = openAndFund(api, history, runId, currencies, accountsPerCurrency, out);

            if (o.containsKey("started")) {
                Files.writeString(Path.of(o.get("started")), Instant.now() + "\n");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(duration).toNanos();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Thread t = new Thread(new BankClient(i + 1, api, history, accounts, deadline, runId, resend, seed + i), "client-" + (i + 1));
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            out.printf("chaos: workload done after %d s%n", Duration.between(started, Instant.now()).toSeconds());
            awaitFaultsDone(o.get("faults-done"), giveUp.plusSeconds(120), out);

            Checker checker = new Checker(api, history, accounts, receiver, started, out);
            List<String> violations = new ArrayList<>(history.violations());
            violations.addAll(checker.run(Duration.ofSeconds(Long.parseLong(o.getOrDefault("quiescence", "180")))));
            long operations = history.outcomes().entrySet().stream()
                    .filter(e -> !e.getKey().startsWith("resent")).mapToLong(Map.Entry::getValue).sum();
            long failures = history.unknown().size();
            double failurePct = operations == 0 ? 0 : 100.0 * failures / operations;
            double maxFailurePct = Double.parseDouble(o.getOrDefault("max-failure-pct", "0.1"));
            if (failurePct > maxFailurePct) {
                violations.add(String.format("client-visible failures %.3f %% > %.3f %%", failurePct, maxFailurePct));
            }
            summary(out, history, api, checker, faults(o.get("faults-log")), operations, failures, failurePct, violations);
            System.exit(violations.isEmpty() ? 0 : 1);
        }
    }

    private static Map<String, List<String>> openAndFund(CarefulClient api, History history, String runId,
                                                         List<String> currencies, int perCurrency, PrintStream out) {
        Map<String, List<String>> accounts = new LinkedHashMap<>();
        for (String currency : currencies) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < perCurrency; i++) {
                String key = "chaos-" + runId + "-open-" + currency + "-" + i;
                Answer opened = api.post("/api/v1/accounts", Map.of("currency", currency, "ownerId", key), key);
                Answer funded = opened.status() != 201 ? opened
                        : api.post("/api/v1/accounts/" + opened.id() + "/credits",
                                Map.of("amount", "1000.00", "reference", key + "-fund"), key + "-fund");
                if (funded.status() != 201) {
                    out.println("chaos: setup failed: " + funded.status() + " " + funded.body());
                    System.exit(2);
                }
                history.posted(Posted.of(funded.body(), key + "-fund"));
                ids.add(opened.id());
            }
            accounts.put(currency, List.copyOf(ids));
        }
        return accounts;
    }

    private static void awaitFaultsDone(String file, Duration atMost, PrintStream out) {
        if (file == null) {
            return;
        }
        long deadline = System.nanoTime() + atMost.toNanos();
        if (!Files.exists(Path.of(file))) {
            out.println("chaos: waiting for the fault injector to restore everything");
        }
        while (!Files.exists(Path.of(file)) && System.nanoTime() < deadline) {
            CarefulClient.sleep(500);
        }
    }

    /** Faults by kind, from the injector's log: one line per fault, {@code <epoch s> <kind> <detail...>}. */
    private static Map<String, Long> faults(String file) throws IOException {
        Map<String, Long> kinds = new TreeMap<>();
        if (file != null && Files.exists(Path.of(file))) {
            for (String line : Files.readAllLines(Path.of(file))) {
                String[] words = line.trim().split("\\s+");
                if (words.length >= 2) {
                    kinds.merge(words[1], 1L, Long::sum);
                }
            }
        }
        return kinds;
    }

    private static void summary(PrintStream out, History history, CarefulClient api, Checker checker, Map<String, Long> faults,
                                long operations, long failures, double failurePct, List<String> violations) {
        Map<String, Long> kinds = new HashMap<>();
        history.outcomes().forEach((outcome, n) -> kinds.merge(outcome.split(" ")[0], n, Long::sum));
        out.println();
        out.println("==================== chaos summary ====================");
        out.printf("operations          %d (transfers %d, holds %d, captures %d, voids %d, refunds %d), re-sent on purpose %d%n",
                operations, kinds.getOrDefault("transfer", 0L), kinds.getOrDefault("hold", 0L), kinds.getOrDefault("capture", 0L),
                kinds.getOrDefault("void", 0L), kinds.getOrDefault("refund", 0L), history.outcome("resent"));
        out.printf("outcomes            %s%n", history.outcomes());
        out.printf("acknowledged moves  %d (funding credits included)%n", history.posted().size());
        out.printf("faults injected     %s%n", faults);
        out.printf("retries             %s%n", api.retries());
        out.printf("client failures     %d (%.3f %% of operations; outcome unknown after the retries)%n", failures, failurePct);
        checker.facts().forEach((fact, value) -> out.printf("%-19s %s%n", fact.length() > 19 ? fact + ":" : fact, value));
        out.printf("violations          %d%n", violations.size());
        violations.stream().limit(30).forEach(v -> out.println("  - " + v));
        if (violations.size() > 30) {
            out.println("  ... and " + (violations.size() - 30) + " more");
        }
        out.println("chaos: " + (violations.isEmpty() ? "OK" : "FAILED") + " violations=" + violations.size());
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
