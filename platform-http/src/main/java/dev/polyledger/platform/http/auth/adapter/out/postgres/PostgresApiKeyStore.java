package dev.polyledger.platform.http.auth.adapter.out.postgres;

import dev.polyledger.platform.http.auth.Scope;
import dev.polyledger.platform.http.auth.application.port.out.ApiKeyStore;
import dev.polyledger.platform.http.auth.domain.ApiKey;
import dev.polyledger.platform.http.auth.domain.KeyRateLimit;
import dev.polyledger.platform.http.auth.domain.Tenant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@link ApiKeyStore} on PostgreSQL (tables {@code auth.tenant} and {@code auth.api_key}), plain JDBC on the
 * service's {@link DataSource}. SQL failures surface as {@link AuthStoreException} (with the driver's exception as
 * cause, so that the service's {@code UnavailableDependency} can tell an outage and answer {@code 503}); messages
 * never contain a key hash.
 */
public class PostgresApiKeyStore implements ApiKeyStore {
    private static final String COLUMNS = "id, tenant_id, name, prefix, key_hash, scopes, rate_per_second, rate_burst, "
            + "created_at, expires_at, revoked_at";

    private final DataSource dataSource;

    public PostgresApiKeyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
        return query("SELECT " + COLUMNS + " FROM auth.api_key WHERE key_hash = ?", keyHash).stream().findFirst();
    }

    @Override
    public List<ApiKey> listByTenant(String tenantId) {
        return query("SELECT " + COLUMNS + " FROM auth.api_key WHERE tenant_id = ? ORDER BY created_at, id", tenantId);
    }

    @Override
    public void insert(ApiKey key) {
        try (Connection c = dataSource.getConnection()) {
            insert(c, key);
        } catch (SQLException e) {
            throw new AuthStoreException("cannot store API key " + key.id(), e);
        }
    }

    @Override
    public Optional<ApiKey> revoke(String tenantId, String keyId, Instant at) {
        String sql = "UPDATE auth.api_key SET revoked_at = coalesce(revoked_at, ?) WHERE tenant_id = ? AND id = ? "
                + "RETURNING " + COLUMNS;
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, utc(at));
            st.setString(2, tenantId);
            st.setString(3, keyId);
            return read(st).stream().findFirst();
        } catch (SQLException e) {
            throw new AuthStoreException("cannot revoke API key " + keyId, e);
        }
    }

    @Override
    public void insertTenant(Tenant tenant, ApiKey firstKey) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO auth.tenant (id, name, created_at) VALUES (?, ?, ?)")) {
                st.setString(1, tenant.id());
                st.setString(2, tenant.name());
                st.setObject(3, utc(tenant.createdAt()));
                st.executeUpdate();
                insert(c, firstKey);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new AuthStoreException("cannot store tenant " + tenant.id(), e);
        }
    }

    private static void insert(Connection c, ApiKey key) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO auth.api_key (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, key.id());
            st.setString(2, key.tenantId());
            st.setString(3, key.name());
            st.setString(4, key.prefix());
            st.setString(5, key.keyHash());
            st.setArray(6, c.createArrayOf("text", key.scopes().stream().sorted().map(Scope::wireName).toArray()));
            if (key.rateLimit() == null) {
                st.setNull(7, Types.INTEGER);
                st.setNull(8, Types.INTEGER);
            } else {
                st.setInt(7, key.rateLimit().perSecond());
                st.setInt(8, key.rateLimit().burst());
            }
            st.setObject(9, utc(key.createdAt()));
            st.setObject(10, utc(key.expiresAt()), Types.TIMESTAMP_WITH_TIMEZONE);
            st.setObject(11, utc(key.revokedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
            st.executeUpdate();
        }
    }

    private List<ApiKey> query(String sql, String parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, parameter);
            return read(st);
        } catch (SQLException e) {
            throw new AuthStoreException("cannot read API keys", e);
        }
    }

    private static List<ApiKey> read(PreparedStatement st) throws SQLException {
        List<ApiKey> keys = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                keys.add(toKey(rs));
            }
        }
        return keys;
    }

    private static ApiKey toKey(ResultSet rs) throws SQLException {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (Object name : (Object[]) rs.getArray("scopes").getArray()) {
            // A scope this version does not know (written by a newer one) grants nothing here.
            Scope.fromWire((String) name).ifPresent(scopes::add);
        }
        int perSecond = rs.getInt("rate_per_second");
        KeyRateLimit rateLimit = rs.wasNull() ? null : new KeyRateLimit(perSecond, rs.getInt("rate_burst"));
        return new ApiKey(rs.getString("id"), rs.getString("tenant_id"), rs.getString("name"), rs.getString("prefix"),
                rs.getString("key_hash"), scopes, rateLimit, instant(rs, "created_at"), instant(rs, "expires_at"),
                instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The store could not read or write (the cause is the driver's exception). */
    public static class AuthStoreException extends RuntimeException {
        public AuthStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
