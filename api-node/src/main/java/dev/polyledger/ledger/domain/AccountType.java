package dev.polyledger.ledger.domain;

/** What an account stands for: a customer's ({@code USER}), the platform's own ({@code SYSTEM}), or money outside the ledger ({@code EXTERNAL}). */
public enum AccountType { USER, SYSTEM, EXTERNAL }
