package dev.polyledger.platform.http.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope a controller method (or every method of a controller class) needs. A request under
 * {@code /api/v1/} to a route without one is refused ({@code 403 INSUFFICIENT_SCOPE}): routes fail closed.
 * {@link #operatorOnly()} marks routes only the operator key may call ({@code POST /api/v1/tenants}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiredScope {
    Scope value();

    boolean operatorOnly() default false;
}
