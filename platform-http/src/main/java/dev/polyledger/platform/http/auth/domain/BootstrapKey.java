package dev.polyledger.platform.http.auth.domain;

import java.security.MessageDigest;

/**
 * The operator key ({@code LEDGER_BOOTSTRAP_KEY}): a secret set in the deployment, not stored in the database,
 * that authenticates as key {@code bootstrap} of tenant {@code default} with every scope and the right to create
 * tenants. Only its SHA-256 is held in memory, and a presented token is compared by its SHA-256 with
 * {@link MessageDigest#isEqual} (constant time, over digests of equal length), so the comparison's timing says
 * nothing about how much of the key a guess got right.
 */
public final class BootstrapKey {
    /**
     * The shortest operator key accepted: 32 characters. The operator key bypasses the database and every scope
     * check, and, unlike generated keys, is chosen by a person; at 32 random characters of any usual alphabet it
     * has at least 128 bits of entropy even from hex, out of reach of guessing at any request rate.
     */
    public static final int MIN_LENGTH = 32;

    private final byte[] digest;

    /**
     * @throws IllegalArgumentException when {@code key} is shorter than {@value #MIN_LENGTH} characters (the message
     *                                  gives the length only, never the key)
     */
    public BootstrapKey(String key) {
        if (key.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the operator key (LEDGER_BOOTSTRAP_KEY, platform.auth.bootstrap-key) has "
                    + key.length() + " characters; at least " + MIN_LENGTH + " are required because it grants every "
                    + "scope of tenant default and the creation of tenants: use e.g. `openssl rand -base64 32`");
        }
        this.digest = ApiKeyMaterial.sha256(key);
    }

    /** Whether {@code presented} is the operator key, compared in constant time. */
    public boolean matches(String presented) {
        return MessageDigest.isEqual(digest, ApiKeyMaterial.sha256(presented));
    }

    /** Whether {@code presentedSha256} (raw SHA-256 bytes of a token) is the operator key's, in constant time. */
    public boolean matchesDigest(byte[] presentedSha256) {
        return MessageDigest.isEqual(digest, presentedSha256);
    }

    @Override
    public String toString() {
        return "BootstrapKey[***]";
    }
}
