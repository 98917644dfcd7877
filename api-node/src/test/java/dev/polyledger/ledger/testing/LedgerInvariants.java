package dev.polyledger.ledger.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

/** Whole-ledger checks read straight from PostgreSQL: what must hold after any mix of requests. */
public final class LedgerInvariants {
    private LedgerInvariants() {
    }

    /**
     * Every currency's entries sum to zero (credits minus debits), every account's balance is the sum of its
     * entries, its version counts its changes at least, and every transfer has exactly two entries.
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
        }
    }

    public static long count(String sql) throws SQLException {
        try (var conn = TestDatabase.connect(); var rs = conn.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
