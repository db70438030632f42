package io.sluice.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.gateway.testing.SharedDemoDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Restarts reuse the data directories: loading happens only when a database lacks a complete load for the
 * requested scale factor. Runs its own small servers (small scale factors, no reference database) in
 * {@code target/test-work/demo-restart}, next to the shared ones.
 */
class DemoRestartTest {

    private static final double SMALL = 0.02;
    private static final double TINY = 0.01;

    @Test
    void secondStartReusesDataAndScaleFactorChangeReloads() throws SQLException {
        Path workDir = SharedDemoDatabases.testWorkRoot().resolve("demo-restart");
        DemoSettings small = new DemoSettings(workDir, SMALL, 0, 0, false, "first-pw");
        DemoSettings tiny = small.withScaleFactor(TINY).withPassword("second-pw");

        // Whatever an earlier run left behind, SF 0.02 makes the next SF 0.01 start a reload.
        try (DemoDatabases demo = DemoDatabases.start(small)) {
            assertThat(count(demo, "lineitem")).isEqualTo(TpchTables.expectedRowCount("lineitem", SMALL));
        }

        DemoDatabases.LoadReport reload;
        try (DemoDatabases demo = DemoDatabases.start(tiny)) {
            reload = demo.loadReport();
            assertThat(reload.loadedDatabases()).containsExactlyInAnyOrder("PostgreSQL sales", "MariaDB crm");
            assertThat(count(demo, "lineitem")).isEqualTo(TpchTables.expectedRowCount("lineitem", TINY));
        }

        try (DemoDatabases demo = DemoDatabases.start(tiny)) {
            DemoDatabases.LoadReport reuse = demo.loadReport();
            assertThat(reuse.reusedEverything()).as("second start at the same scale factor loads nothing").isTrue();
            assertThat(reuse.reusedDatabases()).containsExactlyInAnyOrder("PostgreSQL sales", "MariaDB crm");
            assertThat(reuse.startup()).isLessThan(reload.startup());
            assertThat(count(demo, "lineitem")).isEqualTo(TpchTables.expectedRowCount("lineitem", TINY));
            try (Connection maria = DriverManager.getConnection(demo.mariadbJdbcUrl(), "sluice", "second-pw")) {
                assertThat(maria.isValid(5)).isTrue();
            }
            // The password follows the settings on every start, in both databases.
            assertThatThrownBy(() -> DriverManager.getConnection(demo.postgresJdbcUrl(), "sluice", "first-pw"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(demo::referenceJdbcUrl).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("loadReference");
        }
    }

    private static long count(DemoDatabases demo, String table) throws SQLException {
        return DemoDatabasesTest.queryLong(DriverManager.getConnection(demo.postgresJdbcUrl(), demo.user(),
                demo.password()), "SELECT count(*) FROM " + table);
    }
}
