package dev.polyledger.platform.http.auth.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.polyledger.platform.http.auth.Scope;
import dev.polyledger.platform.http.auth.application.ApiKeyAdmin;
import dev.polyledger.platform.http.auth.domain.ApiKey;
import dev.polyledger.platform.http.auth.domain.KeyRateLimit;
import dev.polyledger.platform.http.auth.domain.Tenant;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The JSON answers of the key and tenant endpoints. A key's secret is in {@link IssuedKeyView} only, the answer of
 * its creation; no answer carries a key hash. {@code rateLimit} is the limit the key is held to: its own, or the
 * platform default it had none. Absent values are {@code null}, never missing.
 */
final class KeyViews {
    private KeyViews() {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record RateLimitView(int perSecond, int burst) {
        static RateLimitView of(KeyRateLimit own, KeyRateLimit platformDefault) {
            KeyRateLimit limit = own != null ? own : platformDefault;
            return new RateLimitView(limit.perSecond(), limit.burst());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record KeyView(String id, String name, List<String> scopes, String prefix, Instant createdAt,
                   @Nullable Instant expiresAt, @Nullable Instant revokedAt, RateLimitView rateLimit) {
        static KeyView of(ApiKey key, KeyRateLimit platformDefault) {
            return new KeyView(key.id(), key.name(), wire(key), key.prefix(), key.createdAt(), key.expiresAt(),
                    key.revokedAt(), RateLimitView.of(key.rateLimit(), platformDefault));
        }
    }

    /**
     * The body of {@code POST /api/v1/api-keys}, for the OpenAPI document only: the controller reads it with
     * {@link StrictJson}, which holds the rules ({@code expiresAt}: RFC 3339, in the future; limits 1..1,000,000).
     */
    @Schema(name = "NewApiKey")
    record NewKey(String name,
                  @ArraySchema(minItems = 1, arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED),
                          schema = @Schema(type = "string", allowableValues = {"ledger:read", "ledger:write",
                          "audit:read", "webhooks:manage", "keys:manage"})) List<String> scopes,
                  @Nullable @Schema(format = "date-time") String expiresAt, @Nullable RateLimitView rateLimit) {
    }

    /** The body of {@code POST /api/v1/tenants}, for the OpenAPI document only. */
    @Schema(name = "NewTenant")
    record NewTenant(String name) {
    }

    @Serdeable
    record KeyList(List<KeyView> items) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record IssuedKeyView(String id, String name, List<String> scopes, String prefix, String key, Instant createdAt,
                         @Nullable Instant expiresAt, RateLimitView rateLimit) {
        static IssuedKeyView of(ApiKeyAdmin.IssuedKey issued, KeyRateLimit platformDefault) {
            ApiKey key = issued.stored();
            return new IssuedKeyView(key.id(), key.name(), wire(key), key.prefix(), issued.key(), key.createdAt(),
                    key.expiresAt(), RateLimitView.of(key.rateLimit(), platformDefault));
        }

        @Override
        public String toString() {
            return "IssuedKeyView[id=" + id + "]";
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TenantView(String id, String name, Instant createdAt, IssuedKeyView apiKey) {
        static TenantView of(ApiKeyAdmin.IssuedTenant issued, KeyRateLimit platformDefault) {
            Tenant tenant = issued.tenant();
            return new TenantView(tenant.id(), tenant.name(), tenant.createdAt(),
                    IssuedKeyView.of(issued.firstKey(), platformDefault));
        }
    }

    private static List<String> wire(ApiKey key) {
        return key.scopes().stream().sorted().map(Scope::wireName).toList();
    }
}
