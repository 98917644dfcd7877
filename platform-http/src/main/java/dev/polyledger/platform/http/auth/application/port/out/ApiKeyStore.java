package dev.polyledger.platform.http.auth.application.port.out;

import dev.polyledger.platform.http.auth.domain.ApiKey;
import dev.polyledger.platform.http.auth.domain.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where tenants and API keys are kept (PostgreSQL schema {@code auth}). Implementations raise unchecked exceptions
 * when the store cannot be reached; the service answers those with {@code 503}.
 */
public interface ApiKeyStore {

    /** The key whose SHA-256 is {@code keyHash}, revoked and expired ones included; empty when there is none. */
    Optional<ApiKey> findByHash(String keyHash);

    /** Stores a new key of an existing tenant. */
    void insert(ApiKey key);

    /** The tenant's keys, revoked ones included, oldest first. */
    List<ApiKey> listByTenant(String tenantId);

    /**
     * Revokes key {@code keyId} of tenant {@code tenantId} at {@code at}; a key revoked before keeps its first
     * {@code revokedAt}.
     *
     * @return the key as revoked, or empty when the tenant has no such key (another tenant's key is "no such key")
     */
    Optional<ApiKey> revoke(String tenantId, String keyId, Instant at);

    /** Stores a new tenant and its first key, both or neither. */
    void insertTenant(Tenant tenant, ApiKey firstKey);
}
