package dev.polyledger.ledger.domain;

/** Side of an entry: a {@code DEBIT} takes money out of its account, a {@code CREDIT} puts money in. */
public enum Direction { DEBIT, CREDIT }
