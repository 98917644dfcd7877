package dev.polyledger.platform.testing.hexagon.good.application.port.out;
import dev.polyledger.platform.testing.hexagon.good.domain.Money;
/** Fixture of HexagonalArchitectureTest. */
public class Payments {
    public Money last;
}
