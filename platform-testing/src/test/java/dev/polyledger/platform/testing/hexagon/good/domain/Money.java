package dev.polyledger.platform.testing.hexagon.good.domain;

/** Fixture of HexagonalArchitectureTest. */
public class Money {
    public java.math.BigDecimal amount;
}
