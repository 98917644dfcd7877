package dev.polyledger.platform.testing.hexagon.good.adapter.out.db;
import dev.polyledger.platform.testing.hexagon.good.application.port.out.Payments;
/** Fixture of HexagonalArchitectureTest. */
public class DbPayments {
    public Payments payments;
}
