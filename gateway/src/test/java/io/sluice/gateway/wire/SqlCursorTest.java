package io.sluice.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.gateway.wire.testing.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;

/**
 * DECLARE / FETCH / MOVE / CLOSE through the real pgjdbc driver, over the simple and the extended query protocol,
 * against the in-memory backend whose {@code numbers(N)} cursor counts the rows it generated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class SqlCursorTest {
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

    private Connection connect(String mode) throws SQLException {
        return server.connect("sslmode=disable&preferQueryMode=" + mode);
    }

    private static List<Long> ids(Statement s, String fetch) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(fetch)) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnCount()).isEqualTo(2);
            assertThat(md.getColumnName(1)).isEqualTo("id");
            assertThat(md.getColumnName(2)).isEqualTo("label");
            while (rs.next()) {
                ids.add(rs.getLong(1));
                assertThat(rs.getString(2)).isEqualTo("row " + rs.getLong(1));
            }
        }
        return ids;
    }

    private void awaitNoOpenCursors() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (server.backend.openCursors.get() != 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.backend.openCursors.get()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"simple", "extended"})
    void fetchStreamsForwardInBatchesAndClosesAtCommit(String mode) throws Exception {
        try (Connection c = connect(mode); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            long generatedBefore = server.backend.generatedRows.get();
            s.execute("DECLARE \"Big\" NO SCROLL CURSOR WITHOUT HOLD FOR SELECT * FROM numbers(1000000)");
            assertThat(ids(s, "FETCH FORWARD 3 FROM \"Big\"")).containsExactly(1L, 2L, 3L);
            assertThat(ids(s, "FETCH NEXT FROM \"Big\"")).containsExactly(4L);
            assertThat(ids(s, "FETCH \"Big\"")).containsExactly(5L);
            s.execute("MOVE FORWARD 5 IN \"Big\"");
            assertThat(s.getUpdateCount()).as("MOVE 5").isEqualTo(5);
            assertThat(ids(s, "FETCH 2 IN \"Big\"")).containsExactly(11L, 12L);
            // streamed, not materialised: the backend produced about what was fetched, not the million rows
            assertThat(server.backend.generatedRows.get() - generatedBefore).isLessThan(100_000);
            s.execute("COMMIT");
            awaitNoOpenCursors();
            assertThatThrownBy(() -> s.executeQuery("FETCH 1 FROM \"Big\""))
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("34000");
                        assertThat(e.getMessage()).contains("cursor \"Big\" does not exist");
                    });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"simple", "extended"})
    void fetchAllReachesTheEndThenFetchesNothing(String mode) throws Exception {
        try (Connection c = connect(mode); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("declare c cursor for SELECT * FROM numbers(25)");
            assertThat(ids(s, "fetch 20 from c")).hasSize(20);
            assertThat(ids(s, "FETCH ALL FROM C")).containsExactly(21L, 22L, 23L, 24L, 25L);
            assertThat(ids(s, "fetch forward all from c")).isEmpty();
            s.execute("move 3 in c");
            assertThat(s.getUpdateCount()).as("MOVE 0").isZero();
            s.execute("close c");
            assertThatThrownBy(() -> s.execute("close c")).isInstanceOfSatisfying(PSQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("34000"));
            c.rollback();
            awaitNoOpenCursors();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"simple", "extended"})
    void withHoldCursorsOutliveCommitAndCloseAllEndsThem(String mode) throws Exception {
        try (Connection c = connect(mode); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("DECLARE kept CURSOR WITH HOLD FOR SELECT * FROM numbers(10)");
            s.execute("DECLARE dropped CURSOR FOR SELECT * FROM numbers(10)");
            s.execute("COMMIT");
            assertThat(ids(s, "FETCH 2 FROM kept")).containsExactly(1L, 2L);
            assertThatThrownBy(() -> s.executeQuery("FETCH 2 FROM dropped")).isInstanceOfSatisfying(PSQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("34000"));
            s.execute("BEGIN");
            s.execute("ROLLBACK"); // a committed WITH HOLD cursor survives a later rollback
            assertThat(ids(s, "FETCH 1 FROM kept")).containsExactly(3L);
            s.execute("CLOSE ALL");
            awaitNoOpenCursors();
        }
    }

    @org.junit.jupiter.api.Test
    void parametersBoundToDeclareReachTheCursorQuery() throws Exception {
        try (Connection c = connect("extended")) {
            c.setAutoCommit(false);
            try (java.sql.PreparedStatement declare = c.prepareStatement("DECLARE p CURSOR FOR SELECT ?::int4 AS a, ?::text AS b")) {
                declare.setInt(1, 42);
                declare.setString(2, "forty-two");
                declare.execute();
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("FETCH ALL FROM p")) {
                assertThat(rs.getMetaData().getColumnName(1)).isEqualTo("a");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt("a")).isEqualTo(42);
                assertThat(rs.getString("b")).isEqualTo("forty-two");
                assertThat(rs.next()).isFalse();
            }
            c.commit();
            awaitNoOpenCursors();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"simple", "extended"})
    void unsupportedAndWrongUsesFailWithTheirSqlState(String mode) throws Exception {
        try (Connection c = connect(mode); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("DECLARE c CURSOR FOR SELECT * FROM numbers(3)"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("25P01");
                        assertThat(e.getMessage()).contains("DECLARE CURSOR can only be used in transaction blocks");
                    });
            for (String[] bad : new String[][] {
                    {"DECLARE c SCROLL CURSOR FOR SELECT * FROM numbers(3)", "0A000", "scrollable cursors are not supported"},
                    {"DECLARE c BINARY CURSOR FOR SELECT * FROM numbers(3)", "0A000", "DECLARE BINARY is not supported"},
                    {"FETCH BACKWARD 1 FROM c", "0A000", "FETCH BACKWARD is not supported"},
                    {"FETCH PRIOR FROM c", "0A000", "FETCH PRIOR is not supported"},
                    {"MOVE ABSOLUTE 3 IN c", "0A000", "MOVE ABSOLUTE is not supported"},
                    {"FETCH -2 FROM c", "0A000", "FETCH -2 is not supported"},
                    {"FETCH 1 FROM nowhere", "34000", "cursor \"nowhere\" does not exist"},
                    {"DECLARE c CURSOR SELECT 1", "42601", "syntax error at or near \"SELECT\""},
                    {"DECLARE c CURSOR FOR nonsense", "42601", "syntax error"}}) {
                s.execute("BEGIN");
                assertThatThrownBy(() -> s.execute(bad[0])).as(bad[0]).isInstanceOfSatisfying(PSQLException.class, e -> {
                    assertThat(e.getSQLState()).as(bad[0]).isEqualTo(bad[1]);
                    assertThat(e.getMessage()).as(bad[0]).contains(bad[2]);
                });
                s.execute("ROLLBACK");
            }
            s.execute("BEGIN");
            s.execute("DECLARE twice CURSOR FOR SELECT 1");
            assertThatThrownBy(() -> s.execute("DECLARE twice CURSOR FOR SELECT 1")).isInstanceOfSatisfying(PSQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("42P03"));
            s.execute("ROLLBACK");
            awaitNoOpenCursors();
        }
    }
}
