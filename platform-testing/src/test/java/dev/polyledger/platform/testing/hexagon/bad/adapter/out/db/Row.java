package dev.polyledger.platform.testing.hexagon.bad.adapter.out.db;
import dev.polyledger.platform.testing.hexagon.bad.adapter.out.cache.Cached;
/** Fixture of HexagonalArchitectureTest. */
public class Row {
    public Cached cached;
}
