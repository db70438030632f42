package io.sluice.connectors.jdbc;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fragment's query sent to its source when the statement started, on a virtual thread of its
 * own, so that the source computes it while Sluice is still reading other fragments (a hash join
 * reads its whole build side before it asks for the first probe row). The operator that reads the
 * fragment later claims the query's result set in place of sending the same SQL again.
 *
 * <p>The connection it holds came from the source's pool under one of a few permits per source
 * (half the pool), so queries started early can never take the connections the statement's other
 * fragments wait for. It goes back when the reader closes the rows or, if no operator claimed
 * them, when the statement ends; a query still running then is cancelled.
 */
final class PrefetchedQuery {
    private final String source;
    private final String sql;
    private final Semaphore permits;
    private final CompletableFuture<ResultSet> rows = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Connection connection;
    private volatile Statement statement;
    private volatile FragmentRun run;

    PrefetchedQuery(String source, String sql, Semaphore permits) {
        this.source = requireNonNull(source, "source is null");
        this.sql = requireNonNull(sql, "sql is null");
        this.permits = requireNonNull(permits, "permits is null");
    }

    String source() {
        return source;
    }

    String sql() {
        return sql;
    }

    /** Sends the query; runs on the prefetching thread with the statement's log active. */
    void send(InstrumentedDataSource dataSource) {
        try {
            connection = dataSource.pool().getConnection();
            statement = connection.createStatement();
            dataSource.configure(statement);
            run = FragmentLog.record(source, sql, statement::cancel);
            run.markSentAhead();
            if (closed.get()) {
                throw new SQLException("the statement ended before its fragment was read", "57014");
            }
            rows.complete(statement.executeQuery(sql));
        } catch (SQLException | RuntimeException e) {
            rows.completeExceptionally(e);
        }
        if (closed.get() || rows.isCompletedExceptionally()) {
            release();
        }
    }

    /** The run recorded for the query, once it was sent. */
    FragmentRun run() {
        return run;
    }

    /** Waits for the query's rows; its failure is the reader's failure. */
    ResultSet rows() throws SQLException {
        try {
            return rows.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for " + source, "57014", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sqlException) {
                throw sqlException;
            }
            throw new SQLException(e.getCause().getMessage(), "XX000", e.getCause());
        }
    }

    /** Gives the connection back; cancels the query if it is still running. Idempotent. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            FragmentRun sent = run;
            if (sent != null && !rows.isDone()) {
                sent.cancel();
            }
            if (rows.isDone()) {
                release();
            }
        }
    }

    private final AtomicBoolean released = new AtomicBoolean();

    private void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        closed.set(true);
        FragmentRun sent = run;
        if (sent != null) {
            sent.finish();
        }
        ResultSet result = rows.isDone() && !rows.isCompletedExceptionally() ? rows.join() : null;
        closeQuietly(result);
        closeQuietly(statement);
        closeQuietly(connection);
        permits.release();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Giving the connection back is all that is left to do.
            }
        }
    }
}
