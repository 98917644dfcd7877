package dev.polyledger.platform.http.auth.config;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.core.value.PropertyResolver;

/** Authentication is on ({@link AuthSettings#isEnabled}): the authentication filter exists. */
public final class AuthEnabled implements Condition {
    @Override
    public boolean matches(ConditionContext context) {
        return !(context.getBeanContext() instanceof PropertyResolver properties) || AuthSettings.isEnabled(properties);
    }

    /** The opposite: authentication is off, for benchmarks; the anonymous filter exists instead. */
    public static final class Off implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return !new AuthEnabled().matches(context);
        }
    }
}
