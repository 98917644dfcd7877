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
    /** Property and environment variable of the API key every {@code /api/v1} request carries. */
    public static final String API_KEY = "LEDGER_API_KEY";

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

    /**
     * The API key sent as {@code Authorization: Bearer <key>} on every {@code /api/v1} request:
     * {@code -DLEDGER_API_KEY=...}, else the environment variable {@code LEDGER_API_KEY}
     * ({@code export LEDGER_API_KEY=$(bin/cluster key)}; perf/run sets it itself). The key is never printed:
     * not here, not in the errors below.
     *
     * @return the key, without surrounding whitespace
     * @throws MissingApiKeyException when neither is set (or both are blank), or when the value cannot be an
     *                                HTTP header value (a space, a control character or a non-ASCII character inside)
     */
    public static String apiKey() {
        return apiKey(System.getProperty(API_KEY), System.getenv(API_KEY));
    }

    /** {@link #apiKey()} from the given property and environment values (either may be null). */
    static String apiKey(String property, String environment) {
        String key = firstNonBlank(property, environment);
        if (key == null) {
            throw new MissingApiKeyException("No API key: the ledger API needs 'Authorization: Bearer <key>' on every "
                    + "/api/v1 request. Set " + API_KEY + " (environment variable or -D" + API_KEY + "=...), e.g. "
                    + "export " + API_KEY + "=$(bin/cluster key) with the environment bin/cluster up ran with.");
        }
        key = key.strip();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                // position only: the key itself never goes into a message
                throw new MissingApiKeyException(API_KEY + " is not usable as a bearer token: character " + (i + 1)
                        + " of " + key.length() + " is a space, a control or a non-ASCII character");
            }
        }
        return key;
    }

    /** No usable API key; carries no stack trace (the message says what to do). */
    public static final class MissingApiKeyException extends IllegalStateException {
        MissingApiKeyException(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
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
