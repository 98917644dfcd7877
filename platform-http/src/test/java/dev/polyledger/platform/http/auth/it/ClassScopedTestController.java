package dev.polyledger.platform.http.auth.it;

import dev.polyledger.platform.http.auth.RequiredScope;
import dev.polyledger.platform.http.auth.Scope;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Map;

/** A class-level scope, and a method that names its own instead. */
@Controller("/api/v1/test/audit")
@RequiredScope(Scope.AUDIT_READ)
class ClassScopedTestController {

    @Get
    Map<String, Object> byClass(HttpRequest<?> request) {
        return ScopedTestController.describe(request);
    }

    @Get("/ledger")
    @RequiredScope(Scope.LEDGER_READ)
    Map<String, Object> byMethod(HttpRequest<?> request) {
        return ScopedTestController.describe(request);
    }
}
