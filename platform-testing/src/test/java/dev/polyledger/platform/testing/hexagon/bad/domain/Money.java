package dev.polyledger.platform.testing.hexagon.bad.domain;
import dev.polyledger.platform.testing.hexagon.bad.adapter.out.db.Row;
/** Fixture of HexagonalArchitectureTest. */
public class Money {
    public Row row;
}
