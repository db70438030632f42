package io.sluice.bench;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.demo.AnswerComparison;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One pgjdbc connection to the gateway or to PostgreSQL, used the same way for both so that the comparison is
 * fair: autocommit off and a fetch size, so big results stream in batches instead of being buffered whole, and
 * every value of every row is read.
 *
 * <p>A statement is cancelled at the limit (pgjdbc sends a cancel request); if the server does not react, a
 * watchdog aborts the connection a little later so one stuck query cannot hang the benchmark. After any
 * failure the connection is thrown away and the next statement opens a fresh one.
 */
final class Endpoint implements AutoCloseable {

    static final int FETCH_SIZE = 10_000;
    /** How long after the limit the watchdog waits for the cancel to work before it cuts the connection. */
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final String QUERY_CANCELED = "57014";
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sluice-bench-watchdog").daemon(true).factory());

    private final String label;
    private final String url;
    private final String user;
    private final String password;
    private Connection connection;

    Endpoint(String label, String url, String user, String password) {
        this.label = requireNonNull(label, "label");
        this.url = requireNonNull(url, "url");
        this.user = requireNonNull(user, "user");
        this.password = requireNonNull(password, "password");
    }

    String label() {
        return label;
    }

    /** A new connection of its own (for the concurrency clients), set up like the shared one. */
    Connection open() throws SQLException {
        Connection c = DriverManager.getConnection(url, user, password);
        c.setAutoCommit(false);
        return c;
    }

    Outcome run(String sql, Duration limit, boolean keepAnswer) {
        long start = System.nanoTime();
        try {
            Connection c = connection();
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> abort(c), limit.plus(GRACE).toMillis(),
                    TimeUnit.MILLISECONDS);
            try (Statement statement = c.createStatement()) {
                statement.setQueryTimeout(Math.toIntExact(Math.max(1, limit.toSeconds())));
                statement.setFetchSize(FETCH_SIZE);
                List<List<Object>> answer = new ArrayList<>();
                long rows = 0;
                try (ResultSet rs = statement.executeQuery(sql)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        rows++;
                        List<Object> row = keepAnswer ? new ArrayList<>(columns) : null;
                        for (int i = 1; i <= columns; i++) {
                            Object value = rs.getObject(i);
                            if (row != null) {
                                row.add(AnswerComparison.normalize(value));
                            }
                        }
                        if (row != null) {
                            answer.add(row);
                        }
                    }
                }
                c.commit();
                return new Outcome.Done(System.nanoTime() - start, rows,
                        keepAnswer ? Optional.of(answer) : Optional.empty());
            } finally {
                watchdog.cancel(false);
            }
        } catch (SQLException e) {
            long elapsed = System.nanoTime() - start;
            discardConnection();
            if (QUERY_CANCELED.equals(e.getSQLState()) || elapsed >= limit.toNanos()) {
                return new Outcome.TimedOut(limit);
            }
            return new Outcome.Failed(firstLine(e.getSQLState() + " " + e.getMessage()));
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = open();
        }
        return connection;
    }

    private static void abort(Connection c) {
        try {
            c.abort(Runnable::run);
        } catch (SQLException e) {
            // Already closed: nothing left to cut.
        }
    }

    private void discardConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // A broken connection may refuse to close politely; it is dropped either way.
            }
            connection = null;
        }
    }

    static String firstLine(String message) {
        String line = message == null ? "" : message.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    @Override
    public void close() {
        discardConnection();
    }
}
