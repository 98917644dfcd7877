package dev.polyledger.platform.testing.hexagon.good.adapter.in.web;
import dev.polyledger.platform.testing.hexagon.good.application.port.in.Pay;
/** Fixture of HexagonalArchitectureTest. */
public class PayController {
    public Pay pay;
}
