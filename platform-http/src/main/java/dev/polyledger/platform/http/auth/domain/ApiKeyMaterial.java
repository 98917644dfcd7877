package dev.polyledger.platform.http.auth.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The secret of an API key and what is stored of it.
 *
 * <p>A key is {@value #KEY_PREFIX} followed by the base64url encoding, without padding, of {@value #SECRET_BYTES}
 * bytes from {@link SecureRandom} (256 bits of entropy; 47 characters in all). It is shown once, at creation; the
 * platform keeps only its SHA-256 (lower-case hex of the UTF-8 bytes of the whole key string) and the first
 * {@value #PREFIX_LENGTH} characters, by which a key is listed.
 *
 * <p>Why a fast, unsalted hash is right here, unlike for passwords: password hashing is slow (bcrypt, scrypt,
 * Argon2) and salted because passwords are chosen by people from a small, guessable space, so a stolen hash can be
 * attacked by trying likely passwords. A key of 256 uniformly random bits has no likely values: finding a key from
 * its SHA-256 means searching 2<sup>256</sup> candidates (or a SHA-256 preimage), which no slowness factor could
 * make more hopeless, and no two keys share a hash, so a salt adds nothing. A fast hash in turn lets every request
 * be verified by one hash and an indexed lookup (GitHub, Stripe and AWS keep API tokens the same way; OWASP's
 * Password Storage Cheat Sheet scopes its advice to low-entropy secrets).
 *
 * <p>Keys and their hashes never appear in logs or exception messages; a key is named by its id or prefix.
 */
public final class ApiKeyMaterial {
    /** What every key starts with, so that scanners and people recognise a leaked one. */
    public static final String KEY_PREFIX = "plk_";
    /** Random bytes per key: 32 (256 bits). */
    public static final int SECRET_BYTES = 32;
    /** Characters of a key kept and shown to tell keys apart: {@code plk_} and 8 characters of the secret. */
    public static final int PREFIX_LENGTH = 12;
    /** Length of a key: the prefix and 43 base64url characters (32 bytes, unpadded). */
    public static final int KEY_LENGTH = KEY_PREFIX.length() + 43;
    private static final Pattern SHAPE = Pattern.compile("plk_[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    public ApiKeyMaterial(SecureRandom random) {
        this.random = random;
    }

    /** A new key and what is stored of it. */
    public NewSecret generate() {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String key = KEY_PREFIX + BASE64URL.encodeToString(secret);
        return new NewSecret(key, hash(key), prefixOf(key));
    }

    /**
     * A freshly generated key: the key itself (to be shown once and then forgotten), its stored hash and prefix.
     * {@link #toString()} leaves the key out.
     */
    public record NewSecret(String key, String hash, String prefix) {
        @Override
        public String toString() {
            return "NewSecret[prefix=" + prefix + "]";
        }
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code key}: 64 characters. */
    public static String hash(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    /** SHA-256 of the UTF-8 bytes of {@code text}. */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The listed prefix of a key: its first {@value #PREFIX_LENGTH} characters. */
    public static String prefixOf(String key) {
        return key.substring(0, Math.min(PREFIX_LENGTH, key.length()));
    }

    /** Whether {@code token} has the shape of a key this class generates (a cheap check before any lookup). */
    public static boolean hasKeyShape(String token) {
        return token.length() == KEY_LENGTH && SHAPE.matcher(token).matches();
    }
}
