package dev.polyledger.perf;

import java.time.Duration;

/**
 * Reads the knobs of a run. Lookup order for every knob: JVM system property (what
 * {@code ./mvnw ... -Dclients=64} becomes: gatling-maven-plugin 4.x copies the Maven JVM's
 * system properties into the forked Gatling JVM), then an environment variable of the same
 * name, then the default.
 */
public final class PerfConfig {

    public static final String DEFAULT_BASE_URL = "http://localhost:8080";

    private PerfConfig() {
    }

    /** {@code -DLEDGER_BASE_URL=...}, {@code -DbaseUrl=...} or env {@code LEDGER_BASE_URL}; no trailing slash. */
    public static String baseUrl() {
        String url = firstNonBlank(System.getProperty("LEDGER_BASE_URL"), System.getProperty("baseUrl"),
                System.getenv("LEDGER_BASE_URL"));
        url = url == null ? DEFAULT_BASE_URL : url.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }

    public static String string(String name, String defaultValue) {
        String value = firstNonBlank(System.getProperty(name), System.getenv(name));
        return value == null ? defaultValue : value.trim();
    }

    /** Present and non-blank? */
    public static boolean isSet(String name) {
        return firstNonBlank(System.getProperty(name), System.getenv(name)) != null;
    }

    public static int integer(String name, int defaultValue) {
        String value = string(name, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Property '" + name + "' must be an integer, got '" + value + "'", e);
        }
    }

    public static double decimal(String name, double defaultValue) {
        String value = string(name, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Property '" + name + "' must be a number, got '" + value + "'", e);
        }
    }

    /** A percentage, 0..100. */
    public static double percent(String name, double defaultValue) {
        double value = decimal(name, defaultValue);
        if (value < 0 || value > 100) {
            throw new IllegalArgumentException("Property '" + name + "' is a percentage (0..100), got " + value);
        }
        return value;
    }

    public static boolean bool(String name, boolean defaultValue) {
        String value = string(name, null);
        return value == null ? defaultValue : Boolean.parseBoolean(value);
    }

    /** Whole seconds. */
    public static Duration seconds(String name, long defaultSeconds) {
        return Duration.ofSeconds(integer(name, (int) defaultSeconds));
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
