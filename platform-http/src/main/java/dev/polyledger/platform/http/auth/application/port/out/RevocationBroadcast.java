package dev.polyledger.platform.http.auth.application.port.out;

/**
 * Tells every other node that a key was revoked, so that each drops it from its cache of verified keys at once
 * instead of at the end of the cache's time to live. Best effort: a lost message only delays the revocation on a
 * node up to that time to live ({@code platform.auth.cache-ttl}, 5 s by default). Never throws.
 */
public interface RevocationBroadcast {

    /** Announces the revocation of the key whose SHA-256 (hex) is {@code keyHash}. */
    void revoked(String keyHash);
}
