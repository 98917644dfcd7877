package dev.polyledger.notification.adapter.in.web;

import static dev.polyledger.platform.http.OpenApiRefs.*;

import dev.polyledger.notification.application.port.in.CreateSubscriptionCommand;
import dev.polyledger.notification.application.port.in.CreateSubscriptionUseCase;
import dev.polyledger.notification.application.port.in.DeleteSubscriptionUseCase;
import dev.polyledger.notification.application.port.in.RotateSecretUseCase;
import dev.polyledger.notification.application.port.in.SubscriptionQueries;
import dev.polyledger.notification.domain.InvalidSubscriptionException;
import dev.polyledger.platform.http.ApiException;
import dev.polyledger.platform.http.IdempotencyKeys;
import dev.polyledger.platform.http.PlatformProblem;
import dev.polyledger.platform.http.auth.Caller;
import dev.polyledger.platform.http.auth.RequiredScope;
import dev.polyledger.platform.http.auth.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The webhooks API (api-contract.md, "Notifications" and "Authentication and tenants"). Every route needs an API key
 * with {@code webhooks:manage} (401 UNAUTHENTICATED without a valid key, 403 INSUFFICIENT_SCOPE without the scope:
 * platform-http's authentication filter) and sees only the key's tenant: another tenant's subscription answers
 * {@code 404 WEBHOOK_NOT_FOUND} exactly like an unknown id.
 *
 * <p>Creation needs an {@code Idempotency-Key} (the platform's rule: {@link IdempotencyKeys}), scoped to the tenant: the same key and body
 * replay the first 201 with {@code Idempotent-Replayed: true}; the same key with another body is
 * {@code 422 IDEMPOTENCY_KEY_REUSED}; the same key in another tenant is another request. Validation failures are
 * {@code 400 VALIDATION_FAILED} naming the field and are not stored.
 *
 * <p>The signing {@code secret} is shown only by the creation (and its replays) and by
 * {@code POST /api/v1/webhooks/{id}/rotate-secret}; reads never show it. The MongoDB driver blocks, hence the
 * blocking executor.
 */
@Controller("/api/v1/webhooks")
@ExecuteOn(TaskExecutors.BLOCKING)
@RequiredScope(Scope.WEBHOOKS_MANAGE)
@Tag(name = "Webhooks")
@ApiResponse(responseCode = "401", ref = UNAUTHENTICATED)
@ApiResponse(responseCode = "403", ref = INSUFFICIENT_SCOPE)
@ApiResponse(responseCode = "429", ref = RATE_LIMITED)
@ApiResponse(responseCode = "503", ref = UNAVAILABLE)
class WebhookController {
    private static final int DELIVERY_PAGE = 100;
    private final CreateSubscriptionUseCase createSubscription;
    private final RotateSecretUseCase rotateSecret;
    private final DeleteSubscriptionUseCase deleteSubscription;
    private final SubscriptionQueries subscriptions;

    WebhookController(CreateSubscriptionUseCase createSubscription, RotateSecretUseCase rotateSecret,
                      DeleteSubscriptionUseCase deleteSubscription, SubscriptionQueries subscriptions) {
        this.createSubscription = createSubscription;
        this.rotateSecret = rotateSecret;
        this.deleteSubscription = deleteSubscription;
        this.subscriptions = subscriptions;
    }

    /**
     * {@code POST /api/v1/webhooks} {@link CreateWebhookRequest} → {@code 201}
     * {@code {"id", "url", "eventTypes", "description", "status", "createdAt", "secret"}}.
     */
    @Operation(operationId = "createWebhook", summary = "Subscribe an endpoint to event types; the signing secret is shown here")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = true, ref = IDEMPOTENCY_KEY)
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CreateWebhookRequest.class)))
    @ApiResponse(responseCode = "201", description = "The subscription with its secret",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookJson.CreatedView.class)))
    @ApiResponse(responseCode = "400", ref = BAD_IDEMPOTENT_REQUEST)
    @ApiResponse(responseCode = "422", ref = KEY_REUSED)
    @Post(consumes = MediaType.APPLICATION_JSON)
    HttpResponse<WebhookJson.CreatedView> create(HttpRequest<?> request, @Nullable @Body CreateWebhookRequest body) {
        String key = IdempotencyKeys.require(request);
        if (body == null) {
            throw PlatformProblem.VALIDATION_FAILED.exception("the body must be a JSON object");
        }
        CreateSubscriptionUseCase.CreateOutcome outcome;
        try {
            outcome = createSubscription.create(new CreateSubscriptionCommand(Caller.of(request).tenantId(), key,
                    body.url(), body.eventTypes(), body.description()));
        } catch (InvalidSubscriptionException e) {
            throw invalid(e);
        }
        if (outcome instanceof CreateSubscriptionUseCase.Created created) {
            var response = HttpResponse.<WebhookJson.CreatedView>status(HttpStatus.CREATED)
                    .body(WebhookJson.CreatedView.of(created.subscription()));
            return created.replayed() ? response.header("Idempotent-Replayed", "true") : response;
        }
        throw PlatformProblem.IDEMPOTENCY_KEY_REUSED.exception("Idempotency-Key '" + key + "' was used for a different request");
    }

    private static ApiException invalid(InvalidSubscriptionException e) {
        return new ApiException(PlatformProblem.VALIDATION_FAILED.problem(e.getMessage()).withField(e.field()));
    }

    /** {@code GET /api/v1/webhooks} → the caller's tenant's subscriptions, oldest first, without secrets. */
    @Operation(operationId = "listWebhooks", summary = "The tenant's subscriptions, oldest first, without secrets")
    @ApiResponse(responseCode = "200", description = "The subscriptions",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookJson.SubscriptionList.class)))
    @Get
    WebhookJson.SubscriptionList list(HttpRequest<?> request) {
        return new WebhookJson.SubscriptionList(subscriptions.list(Caller.of(request).tenantId()).stream()
                .map(WebhookJson.SubscriptionView::of).toList());
    }

    @Operation(operationId = "getWebhook", summary = "Read a subscription (no secret)")
    @ApiResponse(responseCode = "200", description = "The subscription",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookJson.SubscriptionView.class)))
    @ApiResponse(responseCode = "404", ref = WEBHOOK_NOT_FOUND)
    @Get("/{id}")
    WebhookJson.SubscriptionView get(HttpRequest<?> request, @PathVariable String id) {
        return subscriptions.get(Caller.of(request).tenantId(), id).map(WebhookJson.SubscriptionView::of)
                .orElseThrow(() -> notFound(id));
    }

    /**
     * {@code POST /api/v1/webhooks/{id}/rotate-secret} (no body) → {@code 200}
     * {@code {"id", "secret": "whsec_…" (the new one), "previousSecretExpiresAt": "<RFC 3339>"}}: from now on every
     * delivery is signed with the new secret and, until {@code previousSecretExpiresAt} (24 h later by default), also
     * with the replaced one — the {@code webhook-signature} header then holds two space-separated {@code v1,}
     * signatures. Not idempotent and needs no {@code Idempotency-Key}: a repeated call rotates again, and every
     * replaced secret keeps signing for its own overlap, so a lost answer cuts no receiver off.
     * {@code 404 WEBHOOK_NOT_FOUND} for an unknown id or another tenant's.
     */
    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate the signing secret; the old one keeps signing for 24 h")
    @ApiResponse(responseCode = "200", description = "The new secret",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookJson.RotatedSecret.class)))
    @ApiResponse(responseCode = "404", ref = WEBHOOK_NOT_FOUND)
    @Post("/{id}/rotate-secret")
    WebhookJson.RotatedSecret rotateSecret(HttpRequest<?> request, @PathVariable String id) {
        return rotateSecret.rotateSecret(Caller.of(request).tenantId(), id).map(WebhookJson.RotatedSecret::of)
                .orElseThrow(() -> notFound(id));
    }

    @Operation(operationId = "deleteWebhook", summary = "Delete a subscription")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", ref = WEBHOOK_NOT_FOUND)
    @Delete("/{id}")
    HttpResponse<Void> delete(HttpRequest<?> request, @PathVariable String id) {
        if (!deleteSubscription.delete(Caller.of(request).tenantId(), id)) {
            throw notFound(id);
        }
        return HttpResponse.noContent();
    }

    @Operation(operationId = "listWebhookDeliveries", summary = "The subscription's latest deliveries, dead letters included")
    @ApiResponse(responseCode = "200", description = "The deliveries",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookJson.DeliveryList.class)))
    @ApiResponse(responseCode = "404", ref = WEBHOOK_NOT_FOUND)
    @Get("/{id}/deliveries")
    WebhookJson.DeliveryList deliveries(HttpRequest<?> request, @PathVariable String id) {
        return subscriptions.deliveries(Caller.of(request).tenantId(), id, DELIVERY_PAGE)
                .map(list -> new WebhookJson.DeliveryList(list.stream().map(WebhookJson.DeliveryView::of).toList()))
                .orElseThrow(() -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return ErrorCode.WEBHOOK_NOT_FOUND.exception("no webhook subscription " + id);
    }
}
