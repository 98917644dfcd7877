package dev.polyledger.perf;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Endless Gatling feeder of transfer parameters: {@code sourceAccountId}, {@code destinationAccountId}
 * (always two different accounts) and {@code amount} (a random amount, as the API's decimal string).
 * Stateless and thread-safe; the account list is read lazily because the fixture fills it in
 * {@code Simulation.before()}, after the scenario was built.
 *
 * <p>{@link #uniform} picks both sides uniformly among all funded accounts; {@link #merchant} sends a
 * share of the transfers to one hot destination. Other distributions plug in as another {@link Picker}.
 */
public final class AccountPairs implements Iterator<Map<String, Object>> {

    /** Chooses the index of one account among {@code size}. */
    @FunctionalInterface
    public interface Picker {
        int pick(int size, ThreadLocalRandom random);
    }

    public static final Picker UNIFORM = (size, random) -> random.nextInt(size);

    /** Index of the merchant account of {@link #merchant}: the first funded account. */
    public static final int MERCHANT = 0;

    private final Supplier<List<String>> accounts;
    private final Picker sourcePicker;
    private final Picker destinationPicker;
    private final long minCents;
    private final long maxCents;

    public AccountPairs(Supplier<List<String>> accounts, Picker sourcePicker, Picker destinationPicker,
                        long minCents, long maxCents) {
        if (minCents < 1 || maxCents < minCents) {
            throw new IllegalArgumentException("bad amount range " + minCents + ".." + maxCents + " cents");
        }
        this.accounts = accounts;
        this.sourcePicker = sourcePicker;
        this.destinationPicker = destinationPicker;
        this.minCents = minCents;
        this.maxCents = maxCents;
    }

    /** Two different uniformly random accounts, amount uniformly in [minCents, maxCents] minor units. */
    public static AccountPairs uniform(Supplier<List<String>> accounts, long minCents, long maxCents) {
        return new AccountPairs(accounts, UNIFORM, UNIFORM, minCents, maxCents);
    }

    /**
     * Hot-account traffic: the source is uniform; with probability {@code merchantShare} (0..1) the
     * destination is the merchant (the first funded account, index {@link #MERCHANT}), otherwise uniform.
     * A transfer whose source happens to be the merchant gets another destination (the pair is always two
     * different accounts), so slightly fewer than {@code merchantShare} of the transfers (by 1/accounts)
     * credit the merchant. perf/pgbench/transfer.sql with {@code -D merchant_pct} draws the same way.
     */
    public static AccountPairs merchant(Supplier<List<String>> accounts, double merchantShare, long minCents, long maxCents) {
        if (merchantShare < 0 || merchantShare > 1) {
            throw new IllegalArgumentException("merchantShare must be within 0..1, got " + merchantShare);
        }
        Picker destination = (size, random) -> random.nextDouble() < merchantShare ? MERCHANT : random.nextInt(size);
        return new AccountPairs(accounts, UNIFORM, destination, minCents, maxCents);
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Map<String, Object> next() {
        List<String> ids = accounts.get();
        if (ids.size() < 2) {
            throw new IllegalStateException("no funded accounts: the fixture did not run (or failed)");
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int source = sourcePicker.pick(ids.size(), random);
        int destination = destinationPicker.pick(ids.size(), random);
        while (destination == source) {
            destination = destinationPicker.pick(ids.size(), random);
        }
        long cents = minCents == maxCents ? minCents : random.nextLong(minCents, maxCents + 1);
        return Map.of(
                "sourceAccountId", ids.get(source),
                "destinationAccountId", ids.get(destination),
                "amount", formatCents(cents));
    }

    /** 1 -> "0.01", 100 -> "1.00", 123456 -> "1234.56" (currencies with 2 minor digits). */
    public static String formatCents(long cents) {
        return (cents / 100) + "." + String.format("%02d", cents % 100);
    }
}
