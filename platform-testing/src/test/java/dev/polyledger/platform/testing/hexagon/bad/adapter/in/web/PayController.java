package dev.polyledger.platform.testing.hexagon.bad.adapter.in.web;
import dev.polyledger.platform.testing.hexagon.bad.adapter.out.db.Row;
/** Fixture of HexagonalArchitectureTest. */
public class PayController {
    public Row row;
}
