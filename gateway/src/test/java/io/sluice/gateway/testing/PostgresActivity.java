package io.sluice.gateway.testing;

import io.sluice.gateway.demo.DemoDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** What the demo PostgreSQL server is running, as pg_stat_activity shows it. */
public final class PostgresActivity {
    private PostgresActivity() {}

    /**
     * Active queries in the sales database whose text contains {@code fragment}, once none are left
     * or {@code within} has passed: a cancelled query takes a moment to stop.
     */
    public static long activeQueriesContaining(String fragment, Duration within) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        try (Connection admin = SharedDemoDatabases.get().openPostgresAdmin(DemoDatabases.SALES);
             Statement s = admin.createStatement()) {
            while (true) {
                long running;
                try (ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where state = 'active'"
                        + " and strpos(query, '" + fragment.replace("'", "''") + "') > 0 and pid <> pg_backend_pid()")) {
                    rs.next();
                    running = rs.getLong(1);
                }
                if (running == 0 || System.nanoTime() > deadline) {
                    return running;
                }
                Thread.sleep(100);
            }
        }
    }
}
