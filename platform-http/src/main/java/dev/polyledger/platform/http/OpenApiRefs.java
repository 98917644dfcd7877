package dev.polyledger.platform.http;

/**
 * Names of the shared parts of the platform's OpenAPI document, for the controllers' {@code @ApiResponse(ref = …)}.
 * They are defined once, in {@code platform-http/src/main/openapi/platform.yml} (problem+json with its {@code code}
 * restricted to what the route can answer, the {@code Idempotency-Key} header), which api-node merges into the one
 * document it serves ({@code GET /api/v1/openapi.yaml} at the entry point).
 */
public final class OpenApiRefs {
    /** The media type of every refusal (RFC 9457). */
    public static final String PROBLEM_JSON = "application/problem+json";
    /** 400 VALIDATION_FAILED. */
    public static final String BAD_REQUEST = "#/components/responses/BadRequest";
    /** 400 VALIDATION_FAILED, IDEMPOTENCY_KEY_MISSING, IDEMPOTENCY_KEY_INVALID. */
    public static final String BAD_IDEMPOTENT_REQUEST = "#/components/responses/BadIdempotentRequest";
    /** 401 UNAUTHENTICATED with WWW-Authenticate. */
    public static final String UNAUTHENTICATED = "#/components/responses/Unauthenticated";
    /** 403 INSUFFICIENT_SCOPE. */
    public static final String INSUFFICIENT_SCOPE = "#/components/responses/InsufficientScope";
    /** 429 RATE_LIMITED with Retry-After. */
    public static final String RATE_LIMITED = "#/components/responses/RateLimited";
    /** 409 IDEMPOTENCY_KEY_IN_FLIGHT with Retry-After. */
    public static final String IN_FLIGHT = "#/components/responses/InFlight";
    /** 422 IDEMPOTENCY_KEY_REUSED. */
    public static final String KEY_REUSED = "#/components/responses/KeyReused";
    /** 503 SERVICE_UNAVAILABLE, TRANSACTION_CONFLICT with Retry-After. */
    public static final String UNAVAILABLE = "#/components/responses/Unavailable";
    /** 404 ACCOUNT_NOT_FOUND. */
    public static final String ACCOUNT_NOT_FOUND = "#/components/responses/AccountNotFound";
    /** 404 TRANSFER_NOT_FOUND. */
    public static final String TRANSFER_NOT_FOUND = "#/components/responses/TransferNotFound";
    /** 404 TRANSFER_NOT_FOUND or ACCOUNT_NOT_FOUND. */
    public static final String TRANSFER_OR_ACCOUNT_NOT_FOUND = "#/components/responses/TransferOrAccountNotFound";
    /** 404 HOLD_NOT_FOUND or ACCOUNT_NOT_FOUND. */
    public static final String HOLD_NOT_FOUND = "#/components/responses/HoldNotFound";
    /** 404 BATCH_NOT_FOUND. */
    public static final String BATCH_NOT_FOUND = "#/components/responses/BatchNotFound";
    /** 404 API_KEY_NOT_FOUND. */
    public static final String API_KEY_NOT_FOUND = "#/components/responses/ApiKeyNotFound";
    /** 404 WEBHOOK_NOT_FOUND. */
    public static final String WEBHOOK_NOT_FOUND = "#/components/responses/WebhookNotFound";
    /** 404 AUDIT_RECORD_NOT_FOUND. */
    public static final String AUDIT_RECORD_NOT_FOUND = "#/components/responses/AuditRecordNotFound";
    /** 422 refusals of a posting (transfer, credit, debit, hold placement, batch item) or IDEMPOTENCY_KEY_REUSED. */
    public static final String POSTING_REFUSED = "#/components/responses/PostingRefused";
    /** 422 refusals of freeze/unfreeze/close. */
    public static final String STATUS_CHANGE_REFUSED = "#/components/responses/StatusChangeRefused";
    /** 422 refusals of a hold's post or void. */
    public static final String HOLD_REFUSED = "#/components/responses/HoldRefused";
    /** 422 refusals of a refund. */
    public static final String REFUND_REFUSED = "#/components/responses/RefundRefused";
    /** 422 BATCH_REJECTED or IDEMPOTENCY_KEY_REUSED. */
    public static final String BATCH_REFUSED = "#/components/responses/BatchRefused";
    /** The {@code Idempotency-Key} request header every ledger and webhook {@code POST} requires. */
    public static final String IDEMPOTENCY_KEY = "#/components/parameters/IdempotencyKey";

    private OpenApiRefs() {
    }
}
