package dev.polyledger.ledger.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The per-account hash chain of entries (api-contract.md, "Integrity: the hash chain"; README, "Verifying the hash
 * chain"). An entry's hash is the lowercase hex SHA-256 (FIPS 180-4) of the UTF-8 bytes of its canonical form: ten
 * lines joined by {@code "\n"}, no trailing newline, in this order:
 * <ol>
 *   <li>the previous entry's hash of the same account, or {@link #GENESIS} for the account's first entry;</li>
 *   <li>the entry id, as a lowercase 8-4-4-4-12 UUID;</li>
 *   <li>the transfer id, likewise;</li>
 *   <li>the account id, likewise;</li>
 *   <li>the direction, {@code DEBIT} or {@code CREDIT};</li>
 *   <li>the amount in minor units, a base-10 integer (the API's {@code "25.00"} without its point: 2500);</li>
 *   <li>the currency code;</li>
 *   <li>the balance after the entry in minor units, a base-10 integer with a leading {@code -} when negative;</li>
 *   <li>the account version after the entry, a base-10 integer;</li>
 *   <li>the posting time as {@link #time}: UTC, always six fractional digits ({@code 2026-11-30T15:35:23.120000Z}),
 *       exactly what the entries API prints.</li>
 * </ol>
 * Pure; the SQL backfill of migration V14 computes the same form.
 */
public final class HashChain {
    /** The "previous hash" of an account's first entry, and the head of an account without entries: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private HashChain() {
    }

    /** Whether {@code text} is a hash as this chain writes it: 64 lowercase hex digits. */
    public static boolean isHash(String text) {
        return text != null && HEX_SHA256.matcher(text).matches();
    }

    /**
     * An entry's time as hashed and printed: UTC, six fractional digits.
     *
     * @throws IllegalArgumentException when {@code instant} is finer than a microsecond (PostgreSQL would not keep
     *                                  it, so the stored entry would no longer match its hash)
     */
    public static String time(Instant instant) {
        if (instant.getLong(ChronoField.NANO_OF_SECOND) % 1_000 != 0) {
            throw new IllegalArgumentException("an entry's time is at microsecond precision: " + instant);
        }
        return TIME.format(instant);
    }

    /** The canonical form of an entry's fields after {@code previousHash}: the text that is hashed. */
    public static String canonicalForm(String previousHash, UUID id, TransferId transferId, AccountId accountId,
                                       Direction direction, Money amount, Money balanceAfter, long accountVersion,
                                       Instant createdAt) {
        return String.join("\n",
                previousHash,
                id.toString(),
                transferId.value().toString(),
                accountId.value().toString(),
                direction.name(),
                Long.toString(amount.minorUnits()),
                amount.currency().code(),
                Long.toString(balanceAfter.minorUnits()),
                Long.toString(accountVersion),
                time(createdAt));
    }

    /** Lowercase hex SHA-256 of the UTF-8 bytes of {@code canonicalForm}. */
    public static String sha256(String canonicalForm) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonicalForm.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
