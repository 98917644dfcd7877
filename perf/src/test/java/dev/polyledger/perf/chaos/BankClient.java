package dev.polyledger.perf.chaos;

import dev.polyledger.perf.chaos.CarefulClient.Answer;
import dev.polyledger.perf.chaos.History.Posted;
import dev.polyledger.perf.chaos.History.Unknown;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One careful client of the bank workload: until its deadline, random operations on the funded accounts, each
 * with an Idempotency-Key of its own, 20 % of them sent a second time on purpose with the same key and body (the
 * answer must be the first one, replayed). Operations, by weight: transfer 50, place a hold 15, capture or void one
 * of this client's pending holds 20, refund (part of) an earlier acknowledged transfer 15.
 *
 * <p>Every answer goes into the {@link History}: {@code 201}s as acknowledged movements, operations without a
 * definite answer as unknown, and as violations: a replay that differs from the first answer, and refusals that
 * cannot happen to this workload ({@code 400}, {@code 422 IDEMPOTENCY_KEY_REUSED}, a capture of a pending hold
 * refused). {@code 422 INSUFFICIENT_FUNDS} and {@code 422 REFUND_EXCEEDS_TRANSFER} are ordinary answers.
 */
final class BankClient implements Runnable {

    /** A hold this client placed and whose state it knows: pending, {@code remaining} minor units left. */
    private record PendingHold(String id, long remaining) {
    }

    private final int number;
    private final CarefulClient api;
    private final History history;
    private final Map<String, List<String>> accountsByCurrency;
    private final long deadlineNanos;
    private final String runId;
    private final double resendShare;
    private final Random random;
    private final List<PendingHold> holds = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    BankClient(int number, CarefulClient api, History history, Map<String, List<String>> accountsByCurrency,
               long deadlineNanos, String runId, double resendShare, long seed) {
        this.number = number;
        this.api = api;
        this.history = history;
        this.accountsByCurrency = accountsByCurrency;
        this.deadlineNanos = deadlineNanos;
        this.runId = runId;
        this.resendShare = resendShare;
        this.random = new Random(seed);
    }

    @Override
    public void run() {
        while (System.nanoTime() < deadlineNanos && !Thread.currentThread().isInterrupted()) {
            int dice = random.nextInt(100);
            if (dice < 50) {
                transfer();
            } else if (dice < 65) {
                placeHold();
            } else if (dice < 85 && !holds.isEmpty()) {
                settleHold();
            } else {
                refund();
            }
        }
    }

    private String nextKey(String kind) {
        return "chaos-" + runId + "-c" + number + "-" + sequence.incrementAndGet() + "-" + kind;
    }

    private void transfer() {
        String key = nextKey("transfer");
        Answer answer = send("transfer", "/api/v1/transfers", movement(key), key);
        if (answer.status() == 201) {
            history.posted(Posted.of(answer.body(), key));
        } else if (answer.definite() && !answer.code().equals("INSUFFICIENT_FUNDS")) {
            history.violation("transfer " + key + " refused: " + answer.status() + " " + answer.body());
        } else if (!answer.definite()) {
            history.unknown(new Unknown("transfer", key, ""));
        }
    }

    private void placeHold() {
        String key = nextKey("hold");
        Answer answer = send("hold", "/api/v1/holds", movement(key), key);
        if (answer.status() == 201) {
            holds.add(new PendingHold(answer.id(), History.minor(answer.body().path("remainingAmount").asText())));
        } else if (answer.definite() && !answer.code().equals("INSUFFICIENT_FUNDS")) {
            history.violation("hold " + key + " refused: " + answer.status() + " " + answer.body());
        } else if (!answer.definite()) {
            history.unknown(new Unknown("hold", key, ""));
        }
    }

    /** Captures all of a pending hold (50 %), part of it (25 %), or voids it (25 %). */
    private void settleHold() {
        PendingHold hold = holds.remove(random.nextInt(holds.size()));
        int dice = random.nextInt(4);
        String kind = dice == 3 ? "void" : "capture";
        String key = nextKey(kind);
        Map<String, Object> body = new LinkedHashMap<>();
        long partial = hold.remaining() > 1 ? 1 + random.nextLong(hold.remaining() - 1) : 0;
        if (dice == 2 && partial > 0) {
            body.put("amount", History.major(partial));
            body.put("final", false);
        }
        Answer answer = send(kind, "/api/v1/holds/" + hold.id() + (kind.equals("void") ? "/void" : "/post"), body, key);
        if (!answer.definite()) {
            history.unknown(new Unknown(kind, key, hold.id())); // its state is unknown now: not touched again
        } else if (kind.equals("void") ? answer.status() != 200 : answer.status() != 201) {
            history.violation(kind + " " + key + " of pending hold " + hold.id() + " refused: " + answer.status() + " " + answer.body());
        } else if (kind.equals("capture")) {
            Posted capture = Posted.of(answer.body(), key);
            history.posted(capture);
            if (body.containsKey("amount")) {
                holds.add(new PendingHold(hold.id(), hold.remaining() - capture.amount()));
            }
        }
    }

    private void refund() {
        Posted original = history.randomRefundable().orElse(null);
        if (original == null) {
            transfer();
            return;
        }
        String key = nextKey("refund");
        Map<String, Object> body = new LinkedHashMap<>();
        if (random.nextInt(3) > 0) {
            body.put("amount", History.major(1 + random.nextLong(original.amount())));
        }
        body.put("reference", key);
        body.put("metadata", Map.of("chaosKey", key));
        Answer answer = send("refund", "/api/v1/transfers/" + original.id() + "/refunds", body, key);
        if (answer.status() == 201) {
            history.posted(Posted.of(answer.body(), key));
        } else if (answer.definite() && !answer.code().equals("INSUFFICIENT_FUNDS")
                && !answer.code().equals("REFUND_EXCEEDS_TRANSFER")) {
            history.violation("refund " + key + " refused: " + answer.status() + " " + answer.body());
        } else if (!answer.definite()) {
            history.unknown(new Unknown("refund", key, ""));
        }
    }

    /** A transfer's or hold's body between two distinct accounts of one currency, 0.01..50.00, reference = key. */
    private Map<String, Object> movement(String key) {
        List<String> currencies = List.copyOf(accountsByCurrency.keySet());
        String currency = currencies.get(random.nextInt(currencies.size()));
        List<String> accounts = accountsByCurrency.get(currency);
        int source = random.nextInt(accounts.size());
        int destination = (source + 1 + random.nextInt(accounts.size() - 1)) % accounts.size();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sourceAccountId", accounts.get(source));
        body.put("destinationAccountId", accounts.get(destination));
        body.put("amount", History.major(1 + random.nextInt(5_000)));
        body.put("currency", currency);
        body.put("reference", key);
        body.put("metadata", Map.of("chaosKey", key));
        return body;
    }

    /**
     * Sends once (retried to a definite answer by the {@link CarefulClient}), counts the outcome, and with
     * probability {@code resendShare} sends the same request again: the answer must be the same.
     */
    private Answer send(String kind, String path, Object body, String key) {
        Answer first = api.post(path, body, key);
        history.count(kind + " " + (first.definite() ? first.status() + (first.code().isEmpty() ? "" : " " + first.code()) : "unknown"));
        if (first.definite() && random.nextDouble() < resendShare) {
            Answer again = api.post(path, body, key);
            history.count("resent");
            if (!again.definite()) {
                history.count("resent gave up");
            } else if (again.status() != first.status() || !again.id().equals(first.id()) || !again.code().equals(first.code())) {
                history.violation(kind + " " + key + " re-sent: first " + first.status() + " " + first.id() + first.code()
                        + ", again " + again.status() + " " + again.id() + again.code());
            } else if (!again.replayed()) {
                history.violation(kind + " " + key + " re-sent: same answer but without Idempotent-Replayed: true");
            }
        }
        return first;
    }
}
