package dev.polyledger.platform.testing.hexagon.good.application.port.in;
import dev.polyledger.platform.testing.hexagon.good.domain.Money;
/** Fixture of HexagonalArchitectureTest. */
public class Pay {
    public Money amount;
}
