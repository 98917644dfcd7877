package dev.polyledger.ledger.adapter.out.postgres;

import io.micronaut.json.JsonMapper;
import io.micronaut.core.type.Argument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/** Small conversions shared by the PostgreSQL adapters. */
final class Jdbc {
    private static final Argument<Map<String, String>> STRING_MAP = Argument.mapOf(String.class, String.class);

    private Jdbc() {
    }

    static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    static String json(JsonMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> stringMap(JsonMapper json, String text) {
        try {
            return json.readValue(text, STRING_MAP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
