package dev.polyledger.platform.http.auth.domain;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Ids of API keys ({@code key_} + 20 characters) and tenants ({@code ten_} + 20 characters), the characters drawn
 * uniformly from the 32 of lower-case RFC 4648 base32 ({@code a-z2-7}): 100 random bits each, so ids cannot be
 * enumerated. The tenant created by the schema is {@value #DEFAULT_TENANT}.
 */
public final class AuthIds {
    /** The tenant every deployment has, which the operator key belongs to and existing data migrated into. */
    public static final String DEFAULT_TENANT = "default";
    /** The key id the operator key is known by (the {@code actor} of what it does). */
    public static final String BOOTSTRAP_KEY_ID = "bootstrap";
    /** What a tenant id may look like: lower-case letters, digits, {@code _} and {@code -}, 1 to 63 characters. */
    public static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int RANDOM_CHARS = 20;

    private final SecureRandom random;

    public AuthIds(SecureRandom random) {
        this.random = random;
    }

    /** A new API key id, e.g. {@code key_3kq7…}. */
    public String newKeyId() {
        return "key_" + randomChars();
    }

    /** A new tenant id, e.g. {@code ten_x2m4…}. */
    public String newTenantId() {
        return "ten_" + randomChars();
    }

    /** Whether {@code id} is a well-formed tenant id. */
    public static boolean isTenantId(String id) {
        return id != null && TENANT_ID.matcher(id).matches();
    }

    private String randomChars() {
        char[] chars = new char[RANDOM_CHARS];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = BASE32[random.nextInt(BASE32.length)];
        }
        return new String(chars);
    }
}
