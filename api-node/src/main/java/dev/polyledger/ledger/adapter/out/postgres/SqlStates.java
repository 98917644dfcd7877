package dev.polyledger.ledger.adapter.out.postgres;

import java.sql.SQLException;

/** Classifies database failures by PostgreSQL SQLState (PostgreSQL docs, Appendix A). */
public final class SqlStates {
    /** serialization_failure: a SERIALIZABLE transaction lost to a concurrent one. */
    public static final String SERIALIZATION_FAILURE = "40001";
    /** deadlock_detected. */
    public static final String DEADLOCK_DETECTED = "40P01";

    private SqlStates() {
    }

    /** Whether running the whole transaction again can succeed: 40001 or 40P01 anywhere in the cause chain. */
    public static boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    String state = e.getSQLState();
                    if (SERIALIZATION_FAILURE.equals(state) || DEADLOCK_DETECTED.equals(state)) {
                        return true;
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
