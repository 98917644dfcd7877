package dev.polyledger.ledger.adapter.in.web;

import dev.polyledger.ledger.domain.LedgerRejection;
import dev.polyledger.platform.http.ProblemCode;

/**
 * The problem codes of the ledger API besides the ledger's own rejections ({@link LedgerRejection}) and the
 * platform-wide ones ({@link dev.polyledger.platform.http.PlatformProblem}: VALIDATION_FAILED, IDEMPOTENCY_KEY_*,
 * NOT_FOUND, SERVICE_UNAVAILABLE, INTERNAL_ERROR…).
 */
final class ErrorCode {
    static final ProblemCode ACCOUNT_NOT_FOUND = ProblemCode.of("ACCOUNT_NOT_FOUND", 404, "Account not found");
    static final ProblemCode TRANSFER_NOT_FOUND = ProblemCode.of("TRANSFER_NOT_FOUND", 404, "Transfer not found");
    static final ProblemCode BATCH_REJECTED = ProblemCode.of("BATCH_REJECTED", 422, "Batch rejected: nothing was posted");
    static final ProblemCode BATCH_NOT_FOUND = ProblemCode.of("BATCH_NOT_FOUND", 404, "Batch not found");
    static final ProblemCode TRANSACTION_CONFLICT = ProblemCode.of("TRANSACTION_CONFLICT", 503,
            "Too much contention; retry later with the same Idempotency-Key");

    private ErrorCode() {
    }

    static final ProblemCode HOLD_NOT_FOUND = ProblemCode.of("HOLD_NOT_FOUND", 404, "Hold not found");

    /** HTTP status of a ledger rejection: 404 for a missing account or hold, 422 for every business rule. */
    static int statusOf(LedgerRejection rejection) {
        return rejection == LedgerRejection.ACCOUNT_NOT_FOUND || rejection == LedgerRejection.HOLD_NOT_FOUND
                || rejection == LedgerRejection.TRANSFER_NOT_FOUND ? 404 : 422;
    }

    /**
     * HTTP status of a recorded refusal's code: {@link #BATCH_REJECTED}'s, or a ledger rejection's
     * ({@link #statusOf}); 422 for a code this version does not know.
     */
    static int statusOfRefusal(String code) {
        if (BATCH_REJECTED.name().equals(code)) {
            return BATCH_REJECTED.status();
        }
        for (LedgerRejection rejection : LedgerRejection.values()) {
            if (rejection.name().equals(code)) {
                return statusOf(rejection);
            }
        }
        return 422;
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
            case HOLD_NOT_FOUND -> "Hold not found";
            case HOLD_NOT_PENDING -> "Hold is not pending";
            case AMOUNT_EXCEEDS_HOLD -> "Amount exceeds the hold's remaining amount";
            case TRANSFER_NOT_FOUND -> "Transfer not found";
            case TRANSFER_NOT_REFUNDABLE -> "Transfer is not refundable";
            case REFUND_EXCEEDS_TRANSFER -> "Refunds would exceed the transfer";
        };
    }
}
