package dev.polyledger.ledger.domain;

/**
 * Why the ledger refused a request that was well-formed. Each is a stable, machine-readable code
 * (api-contract.md, "Money movement" and "Accounts"); nothing is written when one is returned.
 */
public enum LedgerRejection {
    /** An account named by the request does not exist. */
    ACCOUNT_NOT_FOUND,
    /** Source and destination are the same account. */
    SAME_ACCOUNT,
    /** The transfer's currency differs from the source's or the destination's. */
    CURRENCY_MISMATCH,
    /** The debit would take an account that does not allow a negative balance below zero. */
    INSUFFICIENT_FUNDS,
    /** The source is frozen or closed, the destination is closed, or a closed account was asked to change. */
    ACCOUNT_NOT_ACTIVE,
    /** Only an account with a zero balance can be closed. */
    ACCOUNT_BALANCE_NOT_ZERO,
    /** A world account's status cannot be changed: every credit and debit of its currency depends on it. */
    WORLD_ACCOUNT_IMMUTABLE,
    /** The balance would leave the 64-bit range of minor units. */
    BALANCE_OVERFLOW,
    /** The hold named does not exist (in the caller's tenant). */
    HOLD_NOT_FOUND,
    /** The hold is posted, voided or expired: it can no longer be posted or voided. */
    HOLD_NOT_PENDING,
    /** A capture asks more than the hold's remaining amount. */
    AMOUNT_EXCEEDS_HOLD,
    /** The transfer named for a refund does not exist (in the caller's tenant). */
    TRANSFER_NOT_FOUND,
    /** A refund, or a credit or debit with the world account, cannot be refunded. */
    TRANSFER_NOT_REFUNDABLE,
    /** The refunds of a transfer would exceed its amount. */
    REFUND_EXCEEDS_TRANSFER
}
