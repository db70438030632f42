package io.sluice.connectors.jdbc;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * The data source Calcite's generated code sees for a source. It sits between Calcite and the
 * connection pool so that every SQL statement sent to a source is
 *
 * <pre>
 *   Calcite code ──getConnection──▶ [this] ──▶ pool ──▶ driver
 *                   createStatement   │ sets the fetch size (rows stream, never all in memory)
 *                   executeQuery(sql) │ records a FragmentRun in the active FragmentLog
 *                   ResultSet.next()  │ counts rows; close() stamps the end time
 * </pre>
 *
 * and so that a cancelled statement can cancel what it sent.
 */
public final class InstrumentedDataSource implements DataSource {
    private final String source;
    private final DataSource pool;
    private final OptionalInt fetchSize;
    private final Semaphore prefetchPermits;

    /**
     * @param prefetchSlots how many queries statements may send ahead of reading them, across all
     *                      statements (see {@link PrefetchedQuery}); 0 for none
     */
    public InstrumentedDataSource(String source, DataSource pool, OptionalInt fetchSize, int prefetchSlots) {
        this.source = requireNonNull(source, "source is null");
        this.pool = requireNonNull(pool, "pool is null");
        this.fetchSize = requireNonNull(fetchSize, "fetchSize is null");
        this.prefetchPermits = new Semaphore(Math.max(0, prefetchSlots));
    }

    /**
     * Sends {@code sql} now, on a virtual thread, for the statement whose log is given; the
     * statement's operator that later runs the same SQL reads these rows instead. False, and
     * nothing sent, when this source's prefetch slots are all taken.
     */
    public boolean prefetch(String sql, FragmentLog log) {
        if (!prefetchPermits.tryAcquire()) {
            return false;
        }
        PrefetchedQuery query = new PrefetchedQuery(source, sql, prefetchPermits);
        log.addPrefetched(query);
        Thread.ofVirtual().name("sluice-prefetch-" + source).start(() -> {
            try (FragmentLog.Activation ignored = log.activate()) {
                query.send(this);
            }
        });
        return true;
    }

    public DataSource pool() {
        return pool;
    }

    /** How many rows a statement reads per round trip, when the driver is told (else all at once). */
    public OptionalInt fetchSize() {
        return fetchSize;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return proxy(Connection.class, pool.getConnection(), this::onConnectionCall);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials come from the source configuration");
    }

    private Object onConnectionCall(Object target, Method method, Object[] args) throws Throwable {
        Object result = invoke(target, method, args);
        if (result instanceof PreparedStatement prepared && args != null && args.length > 0
                && args[0] instanceof String sql) {
            configure(prepared);
            StatementRuns runs = new StatementRuns(sql);
            return proxy(PreparedStatement.class, prepared, runs::onCall);
        }
        if (result instanceof Statement statement) {
            configure(statement);
            StatementRuns runs = new StatementRuns(null);
            return proxy(Statement.class, statement, runs::onCall);
        }
        return result;
    }

    /**
     * Runs {@code query} on {@code connection}, one of this PostgreSQL source's, as
     * {@code COPY (query) TO STDOUT}, recorded in the active log like any fragment. Cancelling the
     * statement cancels the COPY through the connection: there is no JDBC statement to cancel.
     *
     * @param columns how many values the query returns per row
     */
    public CopyOutRows copyOut(Connection connection, String query, int columns) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        String copy = "COPY (" + query + ") TO STDOUT";
        FragmentRun run = FragmentLog.record(source, copy, pg::cancelQuery);
        try {
            return new CopyOutRows(pg.getCopyAPI().copyOut(copy), run, columns);
        } catch (SQLException | RuntimeException e) {
            run.finish();
            throw e;
        }
    }

    void configure(Statement statement) throws SQLException {
        if (fetchSize.isPresent()) {
            statement.setFetchSize(fetchSize.getAsInt());
        }
    }

    /**
     * One statement's executions: its latest run, so {@code getResultSet()} counts rows into it.
     * A plain statement whose SQL the statement already sent ahead (a {@link PrefetchedQuery})
     * hands out those rows instead, and gives its own connection back at once.
     */
    private final class StatementRuns {
        private final String preparedSql;
        private FragmentRun latest;
        private ResultSet claimed;

        StatementRuns(String preparedSql) {
            this.preparedSql = preparedSql;
        }

        Object onCall(Object target, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (!name.equals("executeQuery") && !name.equals("execute")) {
                if (name.equals("getResultSet") && claimed != null) {
                    return claimed;
                }
                Object result = invoke(target, method, args);
                return name.equals("getResultSet") && result instanceof ResultSet rs && latest != null
                        ? countingResultSet(rs, latest) : result;
            }
            String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
            Optional<PrefetchedQuery> prefetched = preparedSql == null && sql != null
                    ? FragmentLog.claim(source, sql) : Optional.empty();
            if (prefetched.isPresent()) {
                claimed = readPrefetched(prefetched.get(), (Statement) target);
                latest = prefetched.get().run();
                return name.equals("executeQuery") ? claimed : Boolean.TRUE;
            }
            FragmentRun run = FragmentLog.record(source, sql == null ? "<unknown>" : sql, ((Statement) target)::cancel);
            latest = run;
            try {
                Object result = invoke(target, method, args);
                if (result instanceof ResultSet rs) {
                    return countingResultSet(rs, run);
                }
                if (result instanceof Boolean hasResults && !hasResults) {
                    run.finish();
                }
                return result;
            } catch (Throwable failure) {
                run.finish();
                throw failure;
            }
        }
    }

    private ResultSet readPrefetched(PrefetchedQuery query, Statement own) throws SQLException {
        Connection ownConnection = own.getConnection();
        own.close();
        ownConnection.close();
        ResultSet rows;
        try {
            rows = query.rows();
        } catch (SQLException e) {
            query.close();
            throw e;
        }
        ResultSet closingQuery = proxy(ResultSet.class, rows, (target, m, args) -> {
            if (m.getName().equals("close")) {
                query.close();
                return null;
            }
            return invoke(target, m, args);
        });
        return countingResultSet(closingQuery, query.run());
    }

    private static ResultSet countingResultSet(ResultSet rs, FragmentRun run) {
        return proxy(ResultSet.class, rs, (target, method, args) -> {
            Object result = invoke(target, method, args);
            switch (method.getName()) {
                case "next" -> {
                    if (Boolean.TRUE.equals(result)) {
                        run.rowRead();
                    } else {
                        run.finish();
                    }
                }
                case "close" -> run.finish();
                default -> { }
            }
            return result;
        });
    }

    private interface Handler {
        Object handle(Object target, Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Object target, Handler handler) {
        InvocationHandler ih = (p, method, args) -> {
            if (method.getName().equals("unwrap") && args != null && args[0] instanceof Class<?> c
                    && c.isInstance(target)) {
                return target;
            }
            return handler.handle(target, method, args);
        };
        return type.cast(Proxy.newProxyInstance(InstrumentedDataSource.class.getClassLoader(),
                new Class<?>[] {type}, ih));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }
}
