package io.sluice.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.gateway.wire.testing.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;

/** {@code SELECT current_setting(...)} and {@code SELECT set_config(...)} read and write the session's parameters. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class SettingFunctionTest {
    @TempDir
    static Path dir;

    TestServer server;

    @BeforeAll
    void start() {
        server = new TestServer(dir);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static String single(Statement s, String sql, String column) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.getMetaData().getColumnName(1)).isEqualTo(column);
            assertThat(rs.next()).isTrue();
            String value = rs.getString(1);
            assertThat(rs.next()).isFalse();
            return value;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"simple", "extended"})
    void currentSettingSeesSetAndSetConfigChangesTheSession(String mode) throws SQLException {
        try (Connection c = server.connect("sslmode=disable&preferQueryMode=" + mode); Statement s = c.createStatement()) {
            s.execute("SET application_name = 'reporting'");
            assertThat(single(s, "SELECT current_setting('application_name')", "current_setting")).isEqualTo("reporting");
            assertThat(single(s, "select pg_catalog.set_config('application_name', 'etl', false) as new_value", "new_value"))
                    .isEqualTo("etl");
            try (ResultSet rs = s.executeQuery("SHOW application_name")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("etl");
            }
            assertThat(single(s, "SELECT current_setting('no.such_setting', true)", "current_setting")).isNull();
            assertThatThrownBy(() -> s.executeQuery("SELECT current_setting('no.such_setting')"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("42704");
                        assertThat(e.getMessage()).contains("unrecognized configuration parameter \"no.such_setting\"");
                    });
            assertThatThrownBy(() -> s.executeQuery("SELECT set_config('statement_timeout', 'never', false)"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"));
            assertThatThrownBy(() -> s.executeQuery("SELECT set_config('application_name', 'x', true)"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
        }
    }
}
