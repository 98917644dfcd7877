package dev.polyledger.ledger.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which declared media types and which bytes the ledger API takes as a JSON body. */
class JsonRequestFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "APPLICATION/JSON", "application/json;charset=utf-8",
            "application/json; charset=UTF-8", "application/json; charset=\"utf-8\"", "application/json;"})
    void takesJsonWithoutCharsetOrWithUtf8(String contentType) {
        assertThat(JsonRequestFilter.isJsonInUtf8(contentType)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "text/plain", "application/jsonp", "application/json-patch+json", "text/json",
            "application/json; charset=ISO-8859-1", "application/json; charset=utf-16", "application/json; charset=utf8",
            "application/json; q=1", "application/json; charset", "application/json; charset=utf-8; profile=x",
            "multipart/form-data; boundary=x"})
    void refusesAnyOtherDeclaration(String contentType) {
        assertThat(JsonRequestFilter.isJsonInUtf8(contentType)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ff", "c3", "e9 61", "c0 af", "ed a0 80", "f8 88 80 80 80", "80"})
    void refusesMalformedUtf8(String hex) {
        assertThat(JsonRequestFilter.isUtf8(bytes(hex))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"7b 7d", "63 61 66 c3 a9", "f0 9f 92 b8", "ef bb bf 7b 7d"})
    void takesWellFormedUtf8(String hex) {
        assertThat(JsonRequestFilter.isUtf8(bytes(hex))).isTrue();
    }

    private static byte[] bytes(String hex) {
        String[] parts = hex.split(" ");
        byte[] result = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            result[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return result;
    }
}
