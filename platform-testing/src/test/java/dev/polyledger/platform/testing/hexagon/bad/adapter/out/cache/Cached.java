package dev.polyledger.platform.testing.hexagon.bad.adapter.out.cache;

/** Fixture of HexagonalArchitectureTest. */
public class Cached {
    public int hits;
}
