package dev.polyledger.ledger.domain;

/**
 * How a transfer came about: {@code TRANSFER} between two accounts; {@code CREDIT} from the currency's
 * world account into an account; {@code DEBIT} from an account to the world account; {@code HOLD_POST} the capture
 * of (part of) a {@link Hold}, from its source to its destination; {@code REFUND} money given back from an original
 * transfer's destination to its source ({@link RefundRules}).
 */
public enum TransferKind { TRANSFER, CREDIT, DEBIT, HOLD_POST, REFUND }
