package dev.polyledger.ledger.domain;

/**
 * Lifecycle of an account (api-contract.md, "Accounts"): {@code ACTIVE} takes debits and credits;
 * {@code FROZEN} takes credits only; {@code CLOSED} takes neither and is final.
 */
public enum AccountStatus { ACTIVE, FROZEN, CLOSED }
