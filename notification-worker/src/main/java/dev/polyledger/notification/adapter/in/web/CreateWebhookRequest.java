package dev.polyledger.notification.adapter.in.web;

import dev.polyledger.platform.http.ApiException;
import dev.polyledger.platform.http.PlatformProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/webhooks}: {@code {"url": string, "eventTypes": [string, ...], "description"?:
 * string}}. Read strictly by {@link Reader}: a field of another JSON type ({@code "url": 5},
 * {@code "eventTypes": "x"}, {@code "description": true}) is {@code 400 VALIDATION_FAILED} naming the field, never
 * coerced (micronaut-serde would turn a number into a {@code String}); {@code null} is "absent"; unknown fields are
 * ignored. What the values must be (a known event type, a public URL, ...) is the command's and the service's
 * business.
 *
 * @param url         null when absent
 * @param eventTypes  null when absent
 * @param description null when absent
 */
@Serdeable.Deserializable(using = CreateWebhookRequest.Reader.class)
@Schema(name = "CreateWebhookRequest")
record CreateWebhookRequest(@Schema(format = "uri", requiredMode = Schema.RequiredMode.REQUIRED) String url,
                            @ArraySchema(minItems = 1, arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED),
                                    schema = @Schema(type = "string", allowableValues = {"account.created",
                                    "account.frozen", "account.unfrozen", "account.closed", "transfer.posted",
                                    "hold.created", "hold.posted", "hold.voided", "hold.expired", "batch.completed"}))
                            List<String> eventTypes,
                            @Nullable String description) {

    /** Reads the body as JSON values first, then checks each field's type. */
    @Singleton
    static final class Reader implements Deserializer<CreateWebhookRequest> {
        @Override
        public CreateWebhookRequest deserialize(Decoder decoder, DecoderContext context,
                                                Argument<? super CreateWebhookRequest> type) throws IOException {
            Object body = decoder.decodeArbitrary();
            if (!(body instanceof Map<?, ?> fields)) {
                throw PlatformProblem.VALIDATION_FAILED.exception("the body must be a JSON object");
            }
            return new CreateWebhookRequest(string(fields, "url"), strings(fields, "eventTypes"),
                    string(fields, "description"));
        }

        private static String string(Map<?, ?> fields, String name) {
            Object value = fields.get(name);
            if (value == null || value instanceof String) {
                return (String) value;
            }
            throw invalid(name, name + " must be a string");
        }

        private static List<String> strings(Map<?, ?> fields, String name) {
            Object value = fields.get(name);
            if (value == null) {
                return null;
            }
            if (!(value instanceof List<?> items)) {
                throw invalid(name, name + " must be an array of strings");
            }
            List<String> strings = new ArrayList<>(items.size());
            for (Object item : items) {
                if (!(item instanceof String text)) {
                    throw invalid(name, name + " must be strings");
                }
                strings.add(text);
            }
            return strings;
        }

        private static ApiException invalid(String field, String detail) {
            return new ApiException(PlatformProblem.VALIDATION_FAILED.problem(detail).withField(field));
        }
    }
}
