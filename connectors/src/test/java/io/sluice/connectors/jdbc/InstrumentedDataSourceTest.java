package io.sluice.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class InstrumentedDataSourceTest {
    @TempDir
    Path dir;

    private SQLiteDataSource sqlite;
    /** Every call made on a statement the driver handed out, as "method" or "method:arg". */
    private final List<String> statementCalls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void createDatabase() throws SQLException {
        sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + dir.resolve("test.db"));
        try (Connection c = sqlite.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table t (id integer primary key, name text)");
            s.execute("insert into t values (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e')");
        }
    }

    private InstrumentedDataSource instrumented(OptionalInt fetchSize) {
        return new InstrumentedDataSource("lite", recording(sqlite), fetchSize, 0);
    }

    @Test
    void statementsRunWhileALogIsActiveAreRecordedWithSourceSqlAndRows() throws Exception {
        InstrumentedDataSource ds = instrumented(OptionalInt.empty());
        FragmentLog log = new FragmentLog();
        String sql = "select id from t where id <= 3 order by id";

        try (FragmentLog.Activation ignored = log.activate();
                Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.next()).isTrue();
            assertThat(log.runs()).singleElement().satisfies(run -> {
                assertThat(run.source()).isEqualTo("lite");
                assertThat(run.sql()).isEqualTo(sql);
                assertThat(run.rows()).isEqualTo(2);
                assertThat(run.finished()).isFalse();
            });
            assertThat(rs.next()).isTrue();
            assertThat(rs.next()).isFalse();
        }

        FragmentRun run = log.runs().getFirst();
        assertThat(run.rows()).isEqualTo(3);
        assertThat(run.finished()).isTrue();
        assertThat(run.toString()).contains("lite", sql, "3 rows");
    }

    @Test
    void closingTheResultSetEarlyFinishesTheRun() throws Exception {
        InstrumentedDataSource ds = instrumented(OptionalInt.empty());
        FragmentLog log = new FragmentLog();

        try (FragmentLog.Activation ignored = log.activate(); Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("select id from t");
            rs.next();
            assertThat(log.runs().getFirst().finished()).isFalse();
            rs.close();
        }

        FragmentRun run = log.runs().getFirst();
        assertThat(run.finished()).isTrue();
        assertThat(run.rows()).isEqualTo(1);
        assertThat(run.elapsed()).isPositive();
    }

    @Test
    void preparedStatementsAreRecordedWithTheirSql() throws Exception {
        InstrumentedDataSource ds = instrumented(OptionalInt.empty());
        FragmentLog log = new FragmentLog();
        String sql = "select name from t where id > ?";

        try (FragmentLog.Activation ignored = log.activate(); Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, 3);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // drain
                }
            }
        }

        assertThat(log.runs()).singleElement().satisfies(run -> {
            assertThat(run.sql()).isEqualTo(sql);
            assertThat(run.rows()).isEqualTo(2);
            assertThat(run.finished()).isTrue();
        });
    }

    @Test
    void executeFollowedByGetResultSetIsCountedToo() throws Exception {
        InstrumentedDataSource ds = instrumented(OptionalInt.empty());
        FragmentLog log = new FragmentLog();
        String sql = "select id from t";

        try (FragmentLog.Activation ignored = log.activate(); Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            assertThat(s.execute(sql)).isTrue();
            assertThat(log.runs()).singleElement().extracting(FragmentRun::finished).isEqualTo(false);
            try (ResultSet rs = s.getResultSet()) {
                while (rs.next()) {
                    // drain
                }
            }
        }

        assertThat(log.runs()).singleElement().satisfies(run -> {
            assertThat(run.sql()).isEqualTo(sql);
            assertThat(run.rows()).isEqualTo(5);
            assertThat(run.finished()).isTrue();
        });
    }

    @Test
    void executeWithoutResultsFinishesAtOnce() throws Exception {
        InstrumentedDataSource ds = instrumented(OptionalInt.empty());
        FragmentLog log = new FragmentLog();

        try (FragmentLog.Activation ignored = log.activate(); Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            assertThat(s.execute("update t set name = 'z' where id = 1")).isFalse();
        }

        assertThat(log.runs()).singleElement().satisfies(run -> {
            assertThat(run.finished()).isTrue();
            assertThat(run.rows()).isZero();
        });
    }

    @Test
    void failingStatementIsRecordedAsFinished() throws Exception {
        InstrumentedDataSource ds = instrumented(OptionalInt.empty());
        FragmentLog log = new FragmentLog();

        try (FragmentLog.Activation ignored = log.activate(); Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("select * from no_such_table")).isInstanceOf(SQLException.class);
        }

        assertThat(log.runs()).singleElement().satisfies(run -> {
            assertThat(run.sql()).isEqualTo("select * from no_such_table");
            assertThat(run.finished()).isTrue();
        });
    }

    @Test
    void statementsWithoutAnActiveLogAreNotRecorded() throws Exception {
        InstrumentedDataSource ds = instrumented(OptionalInt.empty());
        FragmentLog log = new FragmentLog();
        try (FragmentLog.Activation ignored = log.activate()) {
            // activated and closed again before any statement runs
        }

        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select id from t")) {
            assertThat(rs.next()).isTrue();
        }

        assertThat(log.runs()).isEmpty();
    }

    @Test
    void logActiveOnAnotherThreadDoesNotRecordThisThreadsStatements() throws Exception {
        InstrumentedDataSource ds = instrumented(OptionalInt.empty());
        FragmentLog mine = new FragmentLog();
        FragmentLog other = new FragmentLog();

        try (FragmentLog.Activation ignored = mine.activate()) {
            Thread thread = Thread.ofPlatform().start(() -> {
                try (FragmentLog.Activation a = other.activate(); Connection c = ds.getConnection();
                        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 'other'")) {
                    rs.next();
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            thread.join(5000);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select 'mine'")) {
                rs.next();
            }
        }

        assertThat(mine.runs()).extracting(FragmentRun::sql).containsExactly("select 'mine'");
        assertThat(other.runs()).extracting(FragmentRun::sql).containsExactly("select 'other'");
    }

    @Test
    void fetchSizeIsAppliedToEveryStatementWhenGiven() throws Exception {
        InstrumentedDataSource ds = instrumented(OptionalInt.of(4096));

        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                PreparedStatement ps = c.prepareStatement("select 1")) {
            assertThat(s.getFetchSize()).isEqualTo(4096);
            assertThat(ps.getFetchSize()).isEqualTo(4096);
        }

        assertThat(statementCalls).filteredOn(call -> call.startsWith("setFetchSize"))
                .containsExactly("setFetchSize:4096", "setFetchSize:4096");
    }

    @Test
    void noFetchSizeIsSetWhenNoneIsGiven() throws Exception {
        InstrumentedDataSource ds = instrumented(OptionalInt.empty());

        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("select 1").close();
        }

        assertThat(statementCalls).noneMatch(call -> call.startsWith("setFetchSize"));
    }

    @Test
    void cancelCancelsRunningStatementsAndEveryLaterOne() throws Exception {
        InstrumentedDataSource ds = instrumented(OptionalInt.empty());
        FragmentLog log = new FragmentLog();

        try (FragmentLog.Activation ignored = log.activate(); Connection c = ds.getConnection();
                Statement running = c.createStatement(); Statement done = c.createStatement()) {
            try (ResultSet rs = done.executeQuery("select 'done'")) {
                while (rs.next()) {
                    // finished before the cancel
                }
            }
            ResultSet open = running.executeQuery("select id from t");
            open.next();
            assertThat(log.cancelled()).isFalse();
            assertThat(statementCalls).doesNotContain("cancel");

            log.cancel();

            assertThat(log.cancelled()).isTrue();
            assertThat(statementCalls).containsOnlyOnce("cancel");

            try (Statement later = c.createStatement()) {
                assertThatThrownBy(() -> later.execute("select 1"))
                        .as("a statement started after cancel() is refused before it reaches the source")
                        .isInstanceOfSatisfying(SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            }
            open.close();
        }
        assertThat(log.runs()).hasSize(2);
    }

    @Test
    void getResultSetCountsRowsIntoItsOwnStatementsRun() throws Exception {
        InstrumentedDataSource ds = instrumented(OptionalInt.empty());
        FragmentLog log = new FragmentLog();

        try (FragmentLog.Activation ignored = log.activate(); Connection c = ds.getConnection();
                Statement first = c.createStatement(); Statement second = c.createStatement()) {
            first.execute("select id from t");
            second.execute("select 'x'");
            try (ResultSet rs = first.getResultSet()) {
                while (rs.next()) {
                    // drain
                }
            }
        }

        assertThat(log.runs()).extracting(FragmentRun::sql).containsExactly("select id from t", "select 'x'");
        assertThat(log.runs().get(0).rows()).isEqualTo(5);
        assertThat(log.runs().get(1).rows()).isZero();
    }

    @Test
    void statementStartedAfterCancelWithNothingRunningDoesNotReturnRows() throws Exception {
        InstrumentedDataSource ds = instrumented(OptionalInt.empty());
        FragmentLog log = new FragmentLog();

        try (FragmentLog.Activation ignored = log.activate(); Connection c = ds.getConnection()) {
            log.cancel();
            try (Statement later = c.createStatement()) {
                assertThatThrownBy(() -> {
                    try (ResultSet rs = later.executeQuery("select id from t")) {
                        while (rs.next()) {
                            // drain
                        }
                    }
                }).as("a fragment that starts after cancel() must not run").isInstanceOf(SQLException.class);
            }
        }
    }

    @Test
    void closingAnActivationRestoresThePreviousLog() throws Exception {
        InstrumentedDataSource ds = instrumented(OptionalInt.empty());
        FragmentLog outer = new FragmentLog();
        FragmentLog inner = new FragmentLog();

        try (FragmentLog.Activation a = outer.activate()) {
            run(ds, "select 'outer 1'");
            try (FragmentLog.Activation b = inner.activate()) {
                run(ds, "select 'inner'");
            }
            run(ds, "select 'outer 2'");
        }
        run(ds, "select 'none'");

        assertThat(outer.runs()).extracting(FragmentRun::sql).containsExactly("select 'outer 1'", "select 'outer 2'");
        assertThat(inner.runs()).extracting(FragmentRun::sql).containsExactly("select 'inner'");
    }

    @Test
    void unwrapReachesTheDriverObjects() throws Exception {
        InstrumentedDataSource ds = new InstrumentedDataSource("lite", sqlite, OptionalInt.empty(), 0);

        assertThat(ds.pool()).isSameAs(sqlite);
        assertThat(ds.unwrap(InstrumentedDataSource.class)).isSameAs(ds);
        assertThat(ds.unwrap(SQLiteDataSource.class)).isSameAs(sqlite);
        try (Connection c = ds.getConnection()) {
            assertThat(c.unwrap(org.sqlite.SQLiteConnection.class)).isInstanceOf(org.sqlite.SQLiteConnection.class);
        }
        assertThatThrownBy(() -> ds.getConnection("u", "p")).isInstanceOf(SQLException.class);
    }

    private static void run(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                // drain
            }
        }
    }

    /** Wraps a data source so that calls on its statements are recorded in {@link #statementCalls}. */
    private DataSource recording(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (p, m, a) -> {
                    Object result = call(target, m, a);
                    return result instanceof Connection c ? recordingConnection(c) : result;
                });
    }

    private Connection recordingConnection(Connection target) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (p, m, a) -> {
                    Object result = call(target, m, a);
                    if (result instanceof PreparedStatement ps) {
                        return recordingStatement(PreparedStatement.class, ps);
                    }
                    if (result instanceof Statement s) {
                        return recordingStatement(Statement.class, s);
                    }
                    return result;
                });
    }

    private <T extends Statement> T recordingStatement(Class<T> type, T target) {
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
                (p, m, a) -> {
                    if (m.getName().equals("cancel") || m.getName().equals("setFetchSize")) {
                        statementCalls.add(a == null ? m.getName() : m.getName() + ":" + a[0]);
                    }
                    return call(target, m, a);
                }));
    }

    private static Object call(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
