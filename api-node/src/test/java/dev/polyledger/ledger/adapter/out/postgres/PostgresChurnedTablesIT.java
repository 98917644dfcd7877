package dev.polyledger.ledger.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.ledger.application.port.out.ChurnedTables.Churn;
import dev.polyledger.ledger.testing.FreshDatabase;
import dev.polyledger.ledger.testing.LedgerInvariants;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** VACUUM of each churn's tables on the real PostgreSQL, outside any transaction of the application. */
@ExtendWith(FreshDatabase.class)
@MicronautTest(startApplication = false, transactional = false)
class PostgresChurnedTablesIT {
    @Inject
    PostgresChurnedTables tables;

    @ParameterizedTest
    @EnumSource(Churn.class)
    void reclaimVacuumsAndAnalyzesEveryTableOfTheChurn(Churn churn) throws Exception {
        String names = "'" + String.join("','", PostgresChurnedTables.TABLES.get(churn)) + "'";
        String vacuumedSince = "SELECT count(*) FROM pg_stat_user_tables WHERE relname IN (" + names + ") "
                + "AND last_vacuum >= '%s' AND last_analyze >= '%s'";
        Instant before = Instant.ofEpochSecond(LedgerInvariants.count("SELECT floor(extract(epoch FROM now()))::bigint") - 1);

        tables.reclaim(churn);

        String query = vacuumedSince.formatted(before, before);
        Instant deadline = Instant.now().plusSeconds(5);
        while (LedgerInvariants.count(query) < PostgresChurnedTables.TABLES.get(churn).size() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(LedgerInvariants.count(query)).as("tables of %s vacuumed and analyzed", churn)
                .isEqualTo(PostgresChurnedTables.TABLES.get(churn).size());
    }
}
