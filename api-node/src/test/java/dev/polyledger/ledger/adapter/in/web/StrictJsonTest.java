package dev.polyledger.ledger.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.ledger.domain.ValidationException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict reading of request bodies, without Micronaut. */
class StrictJsonTest {

    record Item(String amount, Boolean urgent) {
    }

    record Payout(String amount, String reference, Boolean allowNegativeBalance, Map<String, String> metadata,
                  List<Item> items) {
    }

    @Test
    void acceptsAnObjectOfTheDeclaredTypesAndKeepsUnknownFields() {
        var object = StrictJson.requestObject("""
                {"amount":"1.00","reference":"r","allowNegativeBalance":false,"metadata":{"a":"b"},
                 "items":[{"amount":"2","urgent":true}],"unknown":[1,{"x":null}]}""", Payout.class);

        assertThat(object).containsEntry("amount", "1.00").containsEntry("allowNegativeBalance", false)
                .containsEntry("metadata", Map.of("a", "b")).containsKey("unknown");
    }

    @Test
    void takesNullAsAbsentForEveryField() {
        assertThat(StrictJson.requestObject("{\"amount\":null,\"metadata\":null,\"items\":null}", Payout.class))
                .containsEntry("amount", null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"amount\":\"1\",\"amount\":\"2\"}                            | amount",
            "{\"reference\":\"x\",\"amount\":\"1\",\"amount\":\"2\"}       | amount",
            "{\"metadata\":{\"k\":\"1\",\"k\":\"2\"}}                       | metadata",
            "{\"items\":[{\"amount\":\"1\"},{\"amount\":\"1\",\"amount\":\"2\"}]} | items"})
    void refusesARepeatedKeyNamingTheTopLevelField(String body, String field) {
        assertRefused(body, field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"amount\":0.01}                          | amount",
            "{\"amount\":5}                             | amount",
            "{\"amount\":[\"1\"]}                       | amount",
            "{\"reference\":true}                       | reference",
            "{\"allowNegativeBalance\":1}               | allowNegativeBalance",
            "{\"allowNegativeBalance\":\"true\"}        | allowNegativeBalance",
            "{\"allowNegativeBalance\":\"yes\"}         | allowNegativeBalance",
            "{\"metadata\":{\"a\":1}}                   | metadata",
            "{\"metadata\":{\"a\":null}}                | metadata",
            "{\"metadata\":[]}                          | metadata",
            "{\"items\":{\"amount\":\"1\"}}             | items",
            "{\"items\":[{\"amount\":1}]}               | items",
            "{\"items\":[{\"urgent\":\"no\"}]}          | items",
            "{\"items\":[\"1\"]}                        | items"})
    void refusesAValueOfAnotherJsonType(String body, String field) {
        assertRefused(body, field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"reference\":\"a\\u0000\"}          | reference",
            "{\"reference\":\"\\ud800\"}            | reference",
            "{\"reference\":\"\\udfff\\ud800\"}     | reference",
            "{\"metadata\":{\"\\u0000\":\"v\"}}     | metadata",
            "{\"unknown\":[\"\\ud800\"]}             | unknown",
            "{\"metadata\":{\"k\":\"\\ud800\"}}     | metadata"})
    void refusesNulAndUnpairedSurrogatesAnywhere(String body, String field) {
        assertRefused(body, field);
    }

    @Test
    void acceptsASurrogatePair() {
        assertThat(StrictJson.requestObject("{\"reference\":\"\\ud83d\\udcb8\"}", Payout.class))
                .containsEntry("reference", "\uD83D\uDCB8");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"{\"amount\":\"1\"} x", "{\"amount\":\"1\"}{}", "{\"amount\":\"1\"}]", "{} []", "{}1",
            "[]", "\"text\"", "5", "null", "{\"amount\":\"1\"", "{'amount':'1'}", "{amount:\"1\"}",
            "{\"amount\":\"1\",}", "   ", "{\"amount\":\"1\"\u0001}"})
    void refusesAnythingButOneObject(String body) {
        assertRefused(body, "body");
    }

    @Test
    void parsesNumbersAsDecimalsWithoutRounding() {
        assertThat(StrictJson.parse("{\"n\":0.10000000000000000001}"))
                .isEqualTo(Map.of("n", new BigDecimal("0.10000000000000000001")));
    }

    @Test
    void refusesDeepNesting() {
        String deep = "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}";
        assertRefused(deep, "body");
    }

    private static void assertRefused(String body, String field) {
        assertThatThrownBy(() -> StrictJson.requestObject(body, Payout.class))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo(field));
    }
}
