package dev.polyledger.platform.http.auth.adapter.in.web;

import static dev.polyledger.platform.http.OpenApiRefs.BAD_REQUEST;
import static dev.polyledger.platform.http.OpenApiRefs.INSUFFICIENT_SCOPE;
import static dev.polyledger.platform.http.OpenApiRefs.RATE_LIMITED;
import static dev.polyledger.platform.http.OpenApiRefs.UNAUTHENTICATED;
import static dev.polyledger.platform.http.OpenApiRefs.UNAVAILABLE;

import dev.polyledger.platform.http.auth.Caller;
import dev.polyledger.platform.http.auth.RequiredScope;
import dev.polyledger.platform.http.auth.Scope;
import dev.polyledger.platform.http.auth.application.ApiKeyAdmin;
import dev.polyledger.platform.http.auth.application.Authenticator;
import dev.polyledger.platform.http.auth.domain.KeyRateLimit;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code POST /api/v1/tenants} {@code {"name"}}: the operator key creates a tenant and its first key, which holds
 * every scope and is shown once → {@code 201 {"id", "name", "createdAt", "apiKey": {…, "key"}}}. Any other key:
 * {@code 403 INSUFFICIENT_SCOPE}. No {@code Idempotency-Key}, for the reason given on {@link ApiKeyController}.
 * Served where {@code platform.auth.management-api.enabled=true} (api-node).
 */
@Controller("/api/v1/tenants")
@Requires(property = "platform.auth.management-api.enabled", value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Tenants")
class TenantController {
    private final ApiKeyAdmin admin;
    private final KeyRateLimit platformDefault;

    TenantController(ApiKeyAdmin admin, Authenticator authenticator) {
        this.admin = admin;
        this.platformDefault = authenticator.defaultRateLimit();
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @RequiredScope(value = Scope.KEYS_MANAGE, operatorOnly = true)
    @Operation(summary = "Create a tenant and its first key, with every scope (the operator key only)")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = KeyViews.NewTenant.class)))
    @ApiResponse(responseCode = "201", description = "The tenant, with its first key's secret (shown only here)",
            content = @Content(schema = @Schema(implementation = KeyViews.TenantView.class)))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "401", ref = UNAUTHENTICATED)
    @ApiResponse(responseCode = "403", ref = INSUFFICIENT_SCOPE)
    @ApiResponse(responseCode = "429", ref = RATE_LIMITED)
    @ApiResponse(responseCode = "503", ref = UNAVAILABLE)
    HttpResponse<KeyViews.TenantView> create(HttpRequest<?> request, @Body byte[] body) {
        String name = StrictJson.parse(body).requiredString("name");
        var issued = admin.createTenant(Caller.of(request), name);
        return HttpResponse.status(HttpStatus.CREATED).body(KeyViews.TenantView.of(issued, platformDefault));
    }
}
