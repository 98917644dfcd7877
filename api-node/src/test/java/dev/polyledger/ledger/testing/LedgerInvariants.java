package dev.polyledger.ledger.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

/** Whole-ledger checks read straight from PostgreSQL: what must hold after any mix of requests. */
public final class LedgerInvariants {
    private LedgerInvariants() {
    }

    /**
     * Every currency's entries sum to zero (credits minus debits), every account's balance is the sum of its
     * entries, its version counts its changes at least, every transfer has exactly two entries, and every account's
     * hash chain recomputes (in SQL, with migration V14's functions) up to its head hash.
     */
    public static void assertHold() throws SQLException {
        try (var conn = TestDatabase.connect(); var st = conn.createStatement()) {
            try (var rs = st.executeQuery("SELECT currency, sum(CASE direction WHEN 'CREDIT' THEN amount ELSE -amount END) "
                    + "FROM entry GROUP BY currency HAVING sum(CASE direction WHEN 'CREDIT' THEN amount ELSE -amount END) <> 0")) {
                assertThat(rs.next()).as("a currency whose entries do not sum to zero").isFalse();
            }
            try (var rs = st.executeQuery("SELECT a.id, a.balance, coalesce(sum(CASE e.direction WHEN 'CREDIT' THEN e.amount "
                    + "ELSE -e.amount END), 0) AS entries FROM account a LEFT JOIN entry e ON e.account_id = a.id "
                    + "GROUP BY a.id, a.balance HAVING a.balance <> coalesce(sum(CASE e.direction WHEN 'CREDIT' THEN e.amount "
                    + "ELSE -e.amount END), 0)")) {
                assertThat(rs.next()).as("an account whose balance is not the sum of its entries").isFalse();
            }
            try (var rs = st.executeQuery("SELECT t.id FROM transfer t LEFT JOIN entry e ON e.transfer_id = t.id "
                    + "GROUP BY t.id HAVING count(e.id) <> 2")) {
                assertThat(rs.next()).as("a transfer without exactly two entries").isFalse();
            }
            try (var rs = st.executeQuery("SELECT e.account_id FROM entry e JOIN account a ON a.id = e.account_id "
                    + "WHERE e.account_version > a.version")) {
                assertThat(rs.next()).as("an entry newer than its account").isFalse();
            }
            try (var rs = st.executeQuery("SELECT id FROM (SELECT id, hash, entry_chain(entry_chain_fields(id, transfer_id, "
                    + "account_id, direction, amount, currency, balance_after, account_version, created_at)) "
                    + "OVER (PARTITION BY account_id ORDER BY account_version) AS recomputed FROM entry) c "
                    + "WHERE hash <> recomputed")) {
                assertThat(rs.next()).as("an entry whose hash is not its account's chain (V14's SQL form)").isFalse();
            }
            try (var rs = st.executeQuery("SELECT a.id FROM account a LEFT JOIN LATERAL (SELECT hash FROM entry e "
                    + "WHERE e.account_id = a.id ORDER BY e.account_version DESC LIMIT 1) last ON true "
                    + "WHERE a.head_hash <> coalesce(last.hash, repeat('0', 64))")) {
                assertThat(rs.next()).as("an account whose head hash is not its last entry's").isFalse();
            }
        }
    }

    public static long count(String sql) throws SQLException {
        try (var conn = TestDatabase.connect(); var rs = conn.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
