package dev.polyledger.platform.http.auth.adapter.in.web;

import static dev.polyledger.platform.http.OpenApiRefs.API_KEY_NOT_FOUND;
import static dev.polyledger.platform.http.OpenApiRefs.BAD_REQUEST;
import static dev.polyledger.platform.http.OpenApiRefs.INSUFFICIENT_SCOPE;
import static dev.polyledger.platform.http.OpenApiRefs.RATE_LIMITED;
import static dev.polyledger.platform.http.OpenApiRefs.UNAUTHENTICATED;
import static dev.polyledger.platform.http.OpenApiRefs.UNAVAILABLE;

import dev.polyledger.platform.http.auth.Caller;
import dev.polyledger.platform.http.auth.RequiredScope;
import dev.polyledger.platform.http.auth.Scope;
import dev.polyledger.platform.http.auth.application.ApiKeyAdmin;
import dev.polyledger.platform.http.auth.application.AuthRefusal;
import dev.polyledger.platform.http.auth.application.Authenticator;
import dev.polyledger.platform.http.auth.domain.KeyRateLimit;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.EnumSet;
import java.util.Set;

/**
 * The tenant's API keys (api-contract.md, "Authentication and tenants"): {@code POST /api/v1/api-keys} creates one
 * and shows its secret once, {@code GET} lists them (never a secret or a hash), {@code DELETE /{id}} revokes one.
 * Served where {@code platform.auth.management-api.enabled=true} (api-node).
 *
 * <p>{@code POST} takes no {@code Idempotency-Key}: the answer carries a secret that is shown once, so a replay
 * could only either show it again (which "shown once" forbids) or answer without it. A client that lost the answer
 * lists the keys, revokes the one it cannot use and creates another.
 *
 * <p>Errors: {@code 400 VALIDATION_FAILED} with {@code field} (name, scopes: empty or unknown, expiresAt: not an
 * RFC 3339 date-time or not in the future, rateLimit.perSecond/burst: not an integer from 1 to 1,000,000, any field
 * of the wrong JSON type); {@code 403 INSUFFICIENT_SCOPE} for a scope the calling key does not hold;
 * {@code 404 API_KEY_NOT_FOUND} for an id the tenant does not have.
 */
@Controller("/api/v1/api-keys")
@Requires(property = "platform.auth.management-api.enabled", value = "true")
@RequiredScope(Scope.KEYS_MANAGE)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "API keys")
@ApiResponse(responseCode = "401", ref = UNAUTHENTICATED)
@ApiResponse(responseCode = "403", ref = INSUFFICIENT_SCOPE)
@ApiResponse(responseCode = "429", ref = RATE_LIMITED)
@ApiResponse(responseCode = "503", ref = UNAVAILABLE)
class ApiKeyController {
    private final ApiKeyAdmin admin;
    private final KeyRateLimit platformDefault;

    ApiKeyController(ApiKeyAdmin admin, Authenticator authenticator) {
        this.admin = admin;
        this.platformDefault = authenticator.defaultRateLimit();
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API key of the caller's tenant (scope keys:manage); its secret is shown once")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = KeyViews.NewKey.class)))
    @ApiResponse(responseCode = "201", description = "The key, with its secret `key` (shown only here)",
            content = @Content(schema = @Schema(implementation = KeyViews.IssuedKeyView.class)))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    HttpResponse<KeyViews.IssuedKeyView> create(HttpRequest<?> request, @Body byte[] body) {
        StrictJson json = StrictJson.parse(body);
        String name = json.requiredString("name");
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String wire : json.requiredStringArray("scopes")) {
            scopes.add(Scope.fromWire(wire).orElseThrow(() -> AuthRefusal.invalid("scopes", "unknown scope '" + wire
                    + "'; scopes are ledger:read, ledger:write, audit:read, webhooks:manage, keys:manage")));
        }
        var expiresAt = json.optionalInstant("expiresAt");
        StrictJson limit = json.optionalObject("rateLimit");
        KeyRateLimit rateLimit = limit == null ? null : new KeyRateLimit(
                limit.requiredInt("perSecond", 1, KeyRateLimit.MAX), limit.requiredInt("burst", 1, KeyRateLimit.MAX));
        var issued = admin.create(Caller.of(request), new ApiKeyAdmin.NewKey(name, scopes, expiresAt, rateLimit));
        return HttpResponse.status(HttpStatus.CREATED).body(KeyViews.IssuedKeyView.of(issued, platformDefault));
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "List the tenant's API keys (never a secret)")
    @ApiResponse(responseCode = "200", description = "The keys",
            content = @Content(schema = @Schema(implementation = KeyViews.KeyList.class)))
    KeyViews.KeyList list(HttpRequest<?> request) {
        return new KeyViews.KeyList(admin.list(Caller.of(request)).stream()
                .map(key -> KeyViews.KeyView.of(key, platformDefault)).toList());
    }

    @Delete("/{id}")
    @Operation(summary = "Revoke an API key (every node refuses it within 5 s)")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "404", ref = API_KEY_NOT_FOUND)
    HttpResponse<Void> revoke(HttpRequest<?> request, String id) {
        admin.revoke(Caller.of(request), id);
        return HttpResponse.noContent();
    }
}
