package io.sluice.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.gateway.wire.testing.TestServer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PGInterval;

/** The real pgjdbc driver against PgServer with the in-memory {@code TestBackend}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class PgServerJdbcTest {
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

    @Test
    void plaintextScramAndSimpleQuery() throws SQLException {
        try (Connection c = server.connect("sslmode=disable&preferQueryMode=simple"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.next()).isFalse();
            }
            assertThat(c.unwrap(PGConnection.class).getBackendPID()).isPositive();
        }
    }

    @Test
    void tlsRequiredWithScram() throws SQLException {
        try (Connection c = server.connect("sslmode=require"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
        assertThat(server.backend.contexts).anyMatch(SessionContext::tls);
    }

    @Test
    void tlsWithChannelBindingRequired() throws SQLException {
        try (Connection c = server.connect("sslmode=require&channelBinding=require"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
    }

    @Test
    void wrongPasswordAndUnknownUserLookAlike() {
        assertThatThrownBy(() -> server.connect(TestServer.USER, "wrong", "sslmode=disable"))
                .isInstanceOfSatisfying(PSQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("28P01");
                    assertThat(e.getMessage()).contains("password authentication failed for user \"ana\"");
                });
        assertThatThrownBy(() -> server.connect("mallory", "wrong", "sslmode=require"))
                .isInstanceOfSatisfying(PSQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("28P01");
                    assertThat(e.getMessage()).contains("password authentication failed for user \"mallory\"");
                });
    }

    @Test
    void repeatedFailuresAreSlowedDown() {
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> server.connect("bob", "guess", "sslmode=disable")).isInstanceOf(PSQLException.class);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        // 0 + 200 + 400 ms of throttling
        assertThat(millis).isGreaterThanOrEqualTo(550);
    }

    @Test
    void extendedQueryWithParametersAndServerSidePreparedStatements() throws SQLException {
        try (Connection c = server.connect("sslmode=disable&prepareThreshold=5");
                PreparedStatement ps = c.prepareStatement("SELECT ?::int4 AS a, ?::text AS b, ?::numeric AS c")) {
            for (int i = 0; i < 12; i++) {
                ps.setInt(1, i);
                ps.setString(2, "v" + i);
                ps.setBigDecimal(3, new BigDecimal("1.50").add(BigDecimal.valueOf(i)));
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt("a")).isEqualTo(i);
                    assertThat(rs.getString("b")).isEqualTo("v" + i);
                    assertThat(rs.getBigDecimal("c")).isEqualByComparingTo(new BigDecimal("1.50").add(BigDecimal.valueOf(i)));
                }
            }
            assertThat(ps.unwrap(org.postgresql.PGStatement.class).isUseServerPrepare()).isTrue();
        }
    }

    @Test
    void everyTypeInTextAndBinary() throws SQLException {
        for (String mode : new String[] {"preferQueryMode=simple", "prepareThreshold=-1", "binaryTransfer=true&prepareThreshold=1"}) {
            try (Connection c = server.connect("sslmode=disable&" + mode)) {
                for (int round = 0; round < 3; round++) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM types"); ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).as(mode).isTrue();
                        assertTypesRow(rs, mode);
                    }
                }
            }
        }
    }

    private static void assertTypesRow(ResultSet rs, String mode) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        assertThat(md.getColumnTypeName(1)).isEqualTo("bool");
        assertThat(md.getColumnTypeName(7)).isEqualTo("numeric");
        assertThat(md.getPrecision(7)).as(mode).isEqualTo(10);
        assertThat(md.getScale(7)).isEqualTo(4);
        assertThat(md.getColumnDisplaySize(9)).isEqualTo(20);
        assertThat(rs.getBoolean("b")).isTrue();
        assertThat(rs.getShort("i2")).isEqualTo((short) 2);
        assertThat(rs.getInt("i4")).isEqualTo(4);
        assertThat(rs.getLong("i8")).isEqualTo(8L);
        assertThat(rs.getFloat("f4")).isEqualTo(1.5f);
        assertThat(rs.getDouble("f8")).isEqualTo(2.25d);
        assertThat(rs.getBigDecimal("n")).isEqualByComparingTo("12345.6789");
        assertThat(rs.getString("t")).isEqualTo("text");
        assertThat(rs.getString("v")).isEqualTo("varchar");
        assertThat(rs.getObject("d", LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(rs.getObject("tm", LocalTime.class)).isEqualTo(LocalTime.of(13, 14, 15, 123_456_000));
        assertThat(rs.getObject("ts", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6000));
        assertThat(rs.getObject("tstz", OffsetDateTime.class)).isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
        // getObject would ask pg_type about 1186 (the engine's catalog); parse the text form instead.
        PGInterval iv = new PGInterval(rs.getString("iv"));
        assertThat(iv.getYears()).isEqualTo(1);
        assertThat(iv.getMonths()).isEqualTo(2);
        assertThat(iv.getDays()).isEqualTo(3);
        assertThat(iv.getHours()).isEqualTo(1);
        assertThat(iv.getMinutes()).isEqualTo(6);
        assertThat(iv.getSeconds()).isEqualTo(45.006);
        assertThat(rs.getObject("u")).isEqualTo(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
        assertThat(rs.getBytes("by")).isEqualTo("bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(rs.getString("j")).isEqualTo("{\"a\": 1}");
        assertThat(rs.getString("jb")).isEqualTo("{\"b\": [1, 2]}");
        Array ai = rs.getArray("ai");
        assertThat((Integer[]) ai.getArray()).containsExactly(1, 2, 3);
        Array at = rs.getArray("at");
        assertThat((String[]) at.getArray()).containsExactly("x", null, "y z");
    }

    @Test
    void parametersOfEveryTypeRoundTrip() throws SQLException {
        try (Connection c = server.connect("sslmode=disable&prepareThreshold=1&binaryTransfer=true");
                PreparedStatement ps = c.prepareStatement("SELECT ?::date AS d, ?::timestamp AS ts, ?::uuid AS u, "
                        + "?::bytea AS by, ?::float8 AS f, ?::bool AS b, ?::int8 AS l, ?::_int4 AS ai")) {
            for (int i = 0; i < 3; i++) {
                ps.setObject(1, LocalDate.of(1999, 12, 31));
                ps.setObject(2, LocalDateTime.of(2030, 6, 1, 12, 0, 1, 500_000_000));
                ps.setObject(3, UUID.fromString("00000000-0000-0000-0000-000000000001"));
                ps.setBytes(4, new byte[] {0, 1, (byte) 0xFF});
                ps.setDouble(5, -0.125);
                ps.setBoolean(6, false);
                ps.setLong(7, Long.MIN_VALUE);
                ps.setArray(8, c.createArrayOf("int4", new Integer[] {7, null, 9}));
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getObject(1, LocalDate.class)).isEqualTo(LocalDate.of(1999, 12, 31));
                    assertThat(rs.getObject(2, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2030, 6, 1, 12, 0, 1, 500_000_000));
                    assertThat(rs.getObject(3)).isEqualTo(UUID.fromString("00000000-0000-0000-0000-000000000001"));
                    assertThat(rs.getBytes(4)).containsExactly(0, 1, 0xFF);
                    assertThat(rs.getDouble(5)).isEqualTo(-0.125);
                    assertThat(rs.getBoolean(6)).isFalse();
                    assertThat(rs.getLong(7)).isEqualTo(Long.MIN_VALUE);
                    assertThat((Integer[]) rs.getArray(8).getArray()).containsExactly(7, null, 9);
                }
            }
        }
    }

    @Test
    void fetchSizeStreamsAMillionRowsThroughAPortal() throws Exception {
        try (Connection c = server.connect("sslmode=disable")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(1000);
                long count = 0;
                long sum = 0;
                long before = server.backend.generatedRows.get();
                try (ResultSet rs = s.executeQuery("SELECT * FROM numbers(1000000)")) {
                    for (int i = 0; i < 10 && rs.next(); i++) {
                        count++;
                        sum += rs.getLong(1);
                    }
                    Thread.sleep(300);
                    // The server produced one fetch (1000 rows) for the client, not the million.
                    assertThat(server.backend.generatedRows.get() - before).isLessThanOrEqualTo(1000);
                    while (rs.next()) {
                        count++;
                        sum += rs.getLong(1);
                    }
                }
                assertThat(count).isEqualTo(1_000_000);
                assertThat(sum).isEqualTo(1_000_000L * 1_000_001L / 2);
            }
            c.commit();
        }
        // The backend never produced more than one batch ahead of what the client asked for.
        assertThat(server.backend.maxRowsAheadOfClient.get()).isLessThanOrEqualTo(1000);
    }

    @Test
    void largeResultWithoutFetchSizeIsStreamedWithBackpressure() throws SQLException {
        try (Connection c = server.connect("sslmode=disable&preferQueryMode=simple"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM numbers(200000)")) {
            long count = 0;
            while (rs.next()) {
                count++;
            }
            assertThat(count).isEqualTo(200_000);
        }
    }

    @Test
    void queryTimeoutCancelsWith57014() throws SQLException {
        try (Connection c = server.connect("sslmode=disable"); Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            long start = System.nanoTime();
            assertThatThrownBy(() -> s.executeQuery("SELECT pg_sleep(30)"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
            s.setQueryTimeout(0);
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void cancelWorksOverTlsToo() throws SQLException {
        try (Connection c = server.connect("sslmode=require"); Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            assertThatThrownBy(() -> s.executeQuery("SELECT pg_sleep(30)"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
        }
    }

    @Test
    void syntaxErrorCarriesPositionAndConnectionRecovers() throws SQLException {
        try (Connection c = server.connect("sslmode=disable"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELEKT 1")).isInstanceOfSatisfying(PSQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("42601");
                assertThat(e.getServerErrorMessage().getPosition()).isEqualTo(1);
            });
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void transactionsAndSessionParameters() throws SQLException {
        try (Connection c = server.connect("sslmode=disable&ApplicationName=sluice-test"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SHOW application_name")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("sluice-test");
            }
            s.execute("SET search_path TO sales, public");
            try (ResultSet rs = s.executeQuery("SHOW search_path")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("sales, public");
            }
            c.setAutoCommit(false);
            assertThatThrownBy(() -> s.executeQuery("bogus")).isInstanceOf(PSQLException.class);
            assertThatThrownBy(() -> s.executeQuery("SELECT 1")).isInstanceOfSatisfying(PSQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
            c.rollback();
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
            c.commit();
            c.setAutoCommit(true);
            s.execute("RESET search_path");
            try (ResultSet rs = s.executeQuery("SHOW search_path")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("\"$user\", public");
            }
            assertThatThrownBy(() -> s.executeQuery("SHOW no_such_thing")).isInstanceOfSatisfying(PSQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("42704"));
        }
    }

    @Test
    void copyToStdoutAsCsv() throws Exception {
        try (Connection c = server.connect("sslmode=disable")) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            java.io.StringWriter out = new java.io.StringWriter();
            long rows = copy.copyOut("COPY (SELECT * FROM numbers(3)) TO STDOUT WITH (FORMAT csv, HEADER)", out);
            assertThat(rows).isEqualTo(3);
            assertThat(out.toString()).isEqualTo("id,label\n1,row 1\n2,row 2\n3,row 3\n");
            java.io.StringWriter text = new java.io.StringWriter();
            copy.copyOut("COPY (SELECT * FROM numbers(2)) TO STDOUT", text);
            assertThat(text.toString()).isEqualTo("1\trow 1\n2\trow 2\n");
        }
    }

    @Test
    void unknownDatabaseIsRefusedByTheBackend() {
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + server.port() + "/nope?sslmode=disable", TestServer.USER, TestServer.PASSWORD))
                .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("3D000"));
    }

    @Test
    void cursorsAndSessionsAreClosed() throws Exception {
        try (Connection c = server.connect("sslmode=disable")) {
            c.setAutoCommit(false);
            Statement s = c.createStatement();
            s.setFetchSize(10);
            ResultSet rs = s.executeQuery("SELECT * FROM numbers(100000)");
            assertThat(rs.next()).isTrue();
            // the client goes away in the middle of the result
        }
        long deadline = System.currentTimeMillis() + 5000;
        while ((server.backend.openCursors.get() != 0 || server.backend.openSessions.get() != 0) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.backend.openCursors.get()).isZero();
    }
}
