package dev.polyledger.ledger.adapter.in.web;

import dev.polyledger.ledger.domain.LedgerRejection;
import dev.polyledger.platform.http.ProblemCode;

/**
 * The problem codes of the ledger API besides the ledger's own rejections ({@link LedgerRejection}) and the
 * platform-wide ones of {@code platform-http} (NOT_FOUND, METHOD_NOT_ALLOWED, REQUEST_TOO_LARGE, INTERNAL_ERROR...).
 */
enum ErrorCode implements ProblemCode {
    VALIDATION_FAILED(400, "Request is not valid"),
    IDEMPOTENCY_KEY_MISSING(400, "Idempotency-Key header is required"),
    IDEMPOTENCY_KEY_INVALID(400, "Idempotency-Key header is malformed"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency-Key was used with another request"),
    IDEMPOTENCY_KEY_IN_FLIGHT(409, "A request with this Idempotency-Key is in progress"),
    ACCOUNT_NOT_FOUND(404, "Account not found"),
    TRANSFER_NOT_FOUND(404, "Transfer not found"),
    TRANSACTION_CONFLICT(503, "Too much contention; retry later with the same Idempotency-Key");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }

    /** HTTP status of a ledger rejection: 404 for a missing account, 422 for every business rule. */
    static int statusOf(LedgerRejection rejection) {
        return rejection == LedgerRejection.ACCOUNT_NOT_FOUND ? 404 : 422;
    }

    static String titleOf(LedgerRejection rejection) {
        return switch (rejection) {
            case ACCOUNT_NOT_FOUND -> "Account not found";
            case SAME_ACCOUNT -> "Source and destination are the same account";
            case CURRENCY_MISMATCH -> "Currency does not match the account";
            case INSUFFICIENT_FUNDS -> "Insufficient funds";
            case ACCOUNT_NOT_ACTIVE -> "Account is not active";
            case ACCOUNT_BALANCE_NOT_ZERO -> "Account balance is not zero";
            case WORLD_ACCOUNT_IMMUTABLE -> "World accounts cannot change status";
            case BALANCE_OVERFLOW -> "Balance would overflow";
        };
    }
}
