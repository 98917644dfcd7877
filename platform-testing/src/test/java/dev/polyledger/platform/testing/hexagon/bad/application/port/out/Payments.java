package dev.polyledger.platform.testing.hexagon.bad.application.port.out;
import dev.polyledger.platform.testing.hexagon.bad.application.port.in.Pay;
/** Fixture of HexagonalArchitectureTest. */
public class Payments {
    public Pay pay;
}
