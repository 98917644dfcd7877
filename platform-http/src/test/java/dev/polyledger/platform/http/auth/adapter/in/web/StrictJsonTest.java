package dev.polyledger.platform.http.auth.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.polyledger.platform.http.auth.application.AuthRefusal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    private static StrictJson parse(String json) {
        return StrictJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String refusedField(Runnable read) {
        AuthRefusal refusal = catchThrowableOfType(read::run, AuthRefusal.class);
        assertThat(refusal).as("refused").isNotNull();
        assertThat(refusal.reason()).isEqualTo(AuthRefusal.Reason.VALIDATION_FAILED);
        return refusal.field();
    }

    @Test
    void fields_of_their_declared_types_are_read() {
        StrictJson json = parse("{\"name\":\"ci\",\"scopes\":[\"a\",\"b\"],\"expiresAt\":\"2027-01-01T01:00:00+01:00\","
                + "\"rateLimit\":{\"perSecond\":5,\"burst\":10},\"unknown\":[{}]}");

        assertThat(json.requiredString("name")).isEqualTo("ci");
        assertThat(json.requiredStringArray("scopes")).containsExactly("a", "b");
        assertThat(json.optionalInstant("expiresAt")).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(json.optionalObject("rateLimit").requiredInt("perSecond", 1, 100)).isEqualTo(5);
        assertThat(json.optionalInstant("absent")).isNull();
        assertThat(json.optionalObject("absent")).isNull();
    }

    @Test
    void a_value_of_another_json_type_is_not_coerced() {
        assertThat(refusedField(() -> parse("{\"name\":5}").requiredString("name"))).isEqualTo("name");
        assertThat(refusedField(() -> parse("{\"name\":true}").requiredString("name"))).isEqualTo("name");
        assertThat(refusedField(() -> parse("{\"s\":[\"a\",1]}").requiredStringArray("s"))).isEqualTo("s");
        assertThat(refusedField(() -> parse("{\"s\":\"a\"}").requiredStringArray("s"))).isEqualTo("s");
        assertThat(refusedField(() -> parse("{\"r\":{\"n\":\"5\"}}").optionalObject("r").requiredInt("n", 1, 9)))
                .isEqualTo("r.n");
        assertThat(refusedField(() -> parse("{\"r\":{\"n\":5.0}}").optionalObject("r").requiredInt("n", 1, 9)))
                .isEqualTo("r.n");
        assertThat(refusedField(() -> parse("{\"r\":{\"n\":99999999999999999999}}").optionalObject("r")
                .requiredInt("n", 1, 9))).isEqualTo("r.n");
        assertThat(refusedField(() -> parse("{\"r\":5}").optionalObject("r"))).isEqualTo("r");
        assertThat(refusedField(() -> parse("{\"t\":1700000000}").optionalInstant("t"))).isEqualTo("t");
    }

    @Test
    void the_document_must_be_exactly_one_object_without_duplicate_names() {
        assertThat(refusedField(() -> parse("{\"a\":\"1\",\"a\":\"2\"}"))).isEqualTo("body");
        assertThat(refusedField(() -> parse("{\"a\":\"1\"} x"))).isEqualTo("body");
        assertThat(refusedField(() -> parse("{\"a\":\"1\"}{\"a\":\"2\"}"))).isEqualTo("body");
        assertThat(refusedField(() -> parse("[]"))).isEqualTo("body");
        assertThat(refusedField(() -> parse("\"x\""))).isEqualTo("body");
        assertThat(refusedField(() -> parse("{\"a\":"))).isEqualTo("body");
        assertThat(refusedField(() -> StrictJson.parse(new byte[0]))).isEqualTo("body");
    }

    @Test
    void a_required_field_that_is_absent_or_null_is_named() {
        assertThat(refusedField(() -> parse("{}").requiredString("name"))).isEqualTo("name");
        assertThat(refusedField(() -> parse("{\"name\":null}").requiredString("name"))).isEqualTo("name");
    }
}
