package dev.polyledger.perf.chaos;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the clients were told, shared by all of them and read by the {@link Checker} afterwards: every
 * acknowledged money movement (a {@code 201} transfer of any kind), every operation that got no definite answer
 * (its outcome unknown), the outcome counts, and the violations seen while running (a replay that differs from the
 * first answer, an unexpected refusal). Thread-safe.
 */
final class History {

    /** One acknowledged transfer, as its {@code 201} answer said. Amount in minor units (scale 2). */
    record Posted(String id, String kind, String source, String destination, long amount, String currency,
                  String key, String holdId) {

        static Posted of(JsonNode transfer, String key) {
            return new Posted(transfer.path("id").asText(), transfer.path("kind").asText(),
                    transfer.path("sourceAccountId").asText(), transfer.path("destinationAccountId").asText(),
                    minor(transfer.path("amount").asText("0")), transfer.path("currency").asText(), key,
                    transfer.path("holdId").asText(""));
        }
    }

    /** An operation without a definite answer: it may or may not have been applied. */
    record Unknown(String kind, String key, String holdId) {
    }

    private final Map<String, Posted> posted = new ConcurrentHashMap<>();
    private final List<Posted> refundable = new ArrayList<>();
    private final List<Unknown> unknown = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

    void posted(Posted transfer) {
        if (posted.putIfAbsent(transfer.id(), transfer) != null) {
            violation("transfer " + transfer.id() + " acknowledged to two different requests (second key " + transfer.key() + ")");
        }
        if (transfer.kind().equals("TRANSFER") || transfer.kind().equals("HOLD_POST")) {
            synchronized (refundable) {
                refundable.add(transfer);
            }
        }
    }

    Optional<Posted> randomRefundable() {
        synchronized (refundable) {
            return refundable.isEmpty() ? Optional.empty()
                    : Optional.of(refundable.get(ThreadLocalRandom.current().nextInt(refundable.size())));
        }
    }

    void unknown(Unknown op) {
        unknown.add(op);
        count(op.kind() + " gave up");
    }

    void violation(String what) {
        violations.add(what);
    }

    /** Counts one outcome, e.g. {@code "transfer 201"} or {@code "refund 422 REFUND_EXCEEDS_TRANSFER"}. */
    void count(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
    }

    Map<String, Posted> posted() {
        return posted;
    }

    List<Unknown> unknown() {
        synchronized (unknown) {
            return List.copyOf(unknown);
        }
    }

    List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    Map<String, Long> outcomes() {
        Map<String, Long> out = new TreeMap<>();
        outcomes.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    long outcome(String outcome) {
        LongAdder n = outcomes.get(outcome);
        return n == null ? 0 : n.sum();
    }

    /** {@code "12.34"} → 1234 (the two currencies used have two minor digits). */
    static long minor(String amount) {
        return new BigDecimal(amount).movePointRight(2).longValueExact();
    }

    /** 1234 → {@code "12.34"}. */
    static String major(long minor) {
        return BigDecimal.valueOf(minor, 2).toPlainString();
    }
}
