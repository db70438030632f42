package io.sluice.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.gateway.wire.testing.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/** {@code SET statement_timeout} is enforced per session, through the real pgjdbc driver. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class StatementTimeoutTest {
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

    private static void assertTimedOut(ThrowingRunnable statement) {
        assertThatThrownBy(statement::run).isInstanceOfSatisfying(PSQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("57014");
            assertThat(e.getMessage()).contains("canceling statement due to statement timeout");
        });
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aStatementRunningLongerThanTheSessionTimeoutIsCancelled() throws Exception {
        try (Connection c = server.connect("sslmode=disable"); Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = '200ms'");
            try (ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("200ms");
            }
            assertTimedOut(() -> s.executeQuery("SELECT pg_sleep(30)"));
            // the connection stays usable, and quick statements are not affected
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
            try (PreparedStatement p = c.prepareStatement("SELECT pg_sleep(30)")) {
                assertTimedOut(p::executeQuery);
            }
            s.execute("SET statement_timeout = 0");
            try (ResultSet rs = s.executeQuery("SELECT pg_sleep(0.5)")) {
                assertThat(rs.next()).as("no limit after SET statement_timeout = 0").isTrue();
            }
        }
    }

    @Test
    void otherSessionsKeepTheirOwnTimeout() throws Exception {
        try (Connection limited = server.connect("sslmode=disable"); Connection free = server.connect("sslmode=disable");
                Statement l = limited.createStatement(); Statement f = free.createStatement()) {
            l.execute("SET statement_timeout TO '1s'");
            try (ResultSet rs = f.executeQuery("SELECT pg_sleep(1.5)")) {
                assertThat(rs.next()).isTrue();
            }
            assertTimedOut(() -> l.executeQuery("SELECT pg_sleep(30)"));
        }
    }

    @Test
    void invalidValuesAreRefused() throws SQLException {
        try (Connection c = server.connect("sslmode=disable"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("SET statement_timeout = 'soon'")).isInstanceOfSatisfying(PSQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("22023");
                assertThat(e.getMessage()).contains("invalid value for parameter \"statement_timeout\": \"soon\"");
            });
        }
    }
}
