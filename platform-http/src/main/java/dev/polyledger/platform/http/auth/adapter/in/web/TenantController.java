package dev.polyledger.platform.http.auth.adapter.in.web;

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
class TenantController {
    private final ApiKeyAdmin admin;
    private final KeyRateLimit platformDefault;

    TenantController(ApiKeyAdmin admin, Authenticator authenticator) {
        this.admin = admin;
        this.platformDefault = authenticator.defaultRateLimit();
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @RequiredScope(value = Scope.KEYS_MANAGE, operatorOnly = true)
    HttpResponse<KeyViews.TenantView> create(HttpRequest<?> request, @Body byte[] body) {
        String name = StrictJson.parse(body).requiredString("name");
        var issued = admin.createTenant(Caller.of(request), name);
        return HttpResponse.status(HttpStatus.CREATED).body(KeyViews.TenantView.of(issued, platformDefault));
    }
}
