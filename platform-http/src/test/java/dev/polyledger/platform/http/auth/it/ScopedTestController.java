package dev.polyledger.platform.http.auth.it;

import dev.polyledger.platform.http.auth.Caller;
import dev.polyledger.platform.http.auth.RequiredScope;
import dev.polyledger.platform.http.auth.Scope;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import java.util.Map;

/** Test-only routes, one per way a route can name (or fail to name) its scope. Each answers with its caller. */
@Controller("/api/v1/test")
class ScopedTestController {

    @Get("/read")
    @RequiredScope(Scope.LEDGER_READ)
    Map<String, Object> read(HttpRequest<?> request) {
        return describe(request);
    }

    @Post("/write")
    @RequiredScope(Scope.LEDGER_WRITE)
    Map<String, Object> write(HttpRequest<?> request) {
        return describe(request);
    }

    @Get("/unscoped")
    Map<String, Object> unscoped(HttpRequest<?> request) {
        return describe(request);
    }

    @Post("/operator")
    @RequiredScope(value = Scope.LEDGER_READ, operatorOnly = true)
    Map<String, Object> operator(HttpRequest<?> request) {
        return describe(request);
    }

    static Map<String, Object> describe(HttpRequest<?> request) {
        Caller caller = Caller.of(request);
        return Map.of("tenantId", caller.tenantId(), "keyId", caller.keyId(), "operator", caller.operator());
    }
}
