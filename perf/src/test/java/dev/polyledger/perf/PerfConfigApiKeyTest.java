package dev.polyledger.perf;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link PerfConfig#apiKey(String, String)}: where the key comes from, and the errors that never show it. */
class PerfConfigApiKeyTest {

    private static final String KEY = "plk_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

    @Test
    void theSystemPropertyWinsOverTheEnvironment() {
        assertEquals(KEY, PerfConfig.apiKey(KEY, "plk_from_the_environment"));
    }

    @Test
    void theEnvironmentIsUsedWhenNoPropertyIsSet() {
        assertEquals(KEY, PerfConfig.apiKey(null, KEY));
        assertEquals(KEY, PerfConfig.apiKey("  ", KEY));
    }

    @Test
    void surroundingWhitespaceIsDropped() {
        // what $(bin/cluster key) or a file read may leave around it
        assertEquals(KEY, PerfConfig.apiKey(null, " " + KEY + "\n"));
    }

    @Test
    void aMissingKeyStopsTheRunWithWhatToSet() {
        var e = assertThrows(PerfConfig.MissingApiKeyException.class, () -> PerfConfig.apiKey(null, null));
        assertTrue(e.getMessage().contains("LEDGER_API_KEY"), e.getMessage());
        assertTrue(e.getMessage().contains("bin/cluster key"), e.getMessage());
        assertThrows(PerfConfig.MissingApiKeyException.class, () -> PerfConfig.apiKey("", "\t"));
    }

    @Test
    void aKeyThatCannotBeAHeaderValueIsRefusedWithoutBeingShown() {
        String broken = "plk_secret" + "\n" + "Injected: yes";
        var e = assertThrows(PerfConfig.MissingApiKeyException.class, () -> PerfConfig.apiKey(broken, null));
        assertTrue(e.getMessage().contains("character 11 of"), e.getMessage());
        assertFalse(e.getMessage().contains("plk_secret"), e.getMessage());
        assertThrows(PerfConfig.MissingApiKeyException.class, () -> PerfConfig.apiKey("plk_a b", null));
        assertThrows(PerfConfig.MissingApiKeyException.class, () -> PerfConfig.apiKey("plk_é", null));
    }
}
