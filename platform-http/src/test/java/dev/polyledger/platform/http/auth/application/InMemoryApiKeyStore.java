package dev.polyledger.platform.http.auth.application;

import dev.polyledger.platform.http.auth.application.port.out.ApiKeyStore;
import dev.polyledger.platform.http.auth.domain.ApiKey;
import dev.polyledger.platform.http.auth.domain.Tenant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The key store in memory, counting lookups by hash (to see what the cache saves). */
class InMemoryApiKeyStore implements ApiKeyStore {
    final Map<String, Tenant> tenants = new LinkedHashMap<>();
    final Map<String, ApiKey> keys = new LinkedHashMap<>();
    int lookups;

    InMemoryApiKeyStore() {
        tenants.put("default", new Tenant("default", "default", Instant.EPOCH));
    }

    @Override
    public synchronized Optional<ApiKey> findByHash(String keyHash) {
        lookups++;
        return keys.values().stream().filter(k -> k.keyHash().equals(keyHash)).findFirst();
    }

    @Override
    public synchronized void insert(ApiKey key) {
        if (!tenants.containsKey(key.tenantId())) {
            throw new IllegalStateException("no tenant " + key.tenantId());
        }
        keys.put(key.id(), key);
    }

    @Override
    public synchronized List<ApiKey> listByTenant(String tenantId) {
        return new ArrayList<>(keys.values().stream().filter(k -> k.tenantId().equals(tenantId)).toList());
    }

    @Override
    public synchronized Optional<ApiKey> revoke(String tenantId, String keyId, Instant at) {
        ApiKey key = keys.get(keyId);
        if (key == null || !key.tenantId().equals(tenantId)) {
            return Optional.empty();
        }
        ApiKey revoked = key.revokedAt(at);
        keys.put(keyId, revoked);
        return Optional.of(revoked);
    }

    @Override
    public synchronized void insertTenant(Tenant tenant, ApiKey firstKey) {
        tenants.put(tenant.id(), tenant);
        insert(firstKey);
    }
}
