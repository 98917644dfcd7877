package dev.polyledger.platform.testing.hexagon.bad.application.port.in;

/** Fixture of HexagonalArchitectureTest. */
public class Pay {
    public int amount;
}
