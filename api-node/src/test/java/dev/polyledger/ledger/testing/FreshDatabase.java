package dev.polyledger.ledger.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Re-creates the test database once per JVM before the first integration test's Micronaut context starts.
 * Declare it before {@code @MicronautTest} so it runs first.
 */
public class FreshDatabase implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        TestDatabase.recreateOnce();
    }
}
