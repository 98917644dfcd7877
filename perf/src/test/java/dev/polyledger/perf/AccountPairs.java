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
 * <p>{@link #uniform} picks both sides uniformly among all funded accounts. Other distributions
 * (hot accounts, skew) plug in as another {@link Picker}.
 */
public final class AccountPairs implements Iterator<Map<String, Object>> {

    /** Chooses the index of one account among {@code size}. */
    @FunctionalInterface
    public interface Picker {
        int pick(int size, ThreadLocalRandom random);
    }

    public static final Picker UNIFORM = (size, random) -> random.nextInt(size);

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
