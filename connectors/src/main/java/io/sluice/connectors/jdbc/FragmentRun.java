package io.sluice.connectors.jdbc;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One piece of SQL sent to one source on behalf of a statement: what was sent, how many rows
 * came back, how long it took. Counters are updated by the thread reading the rows and read
 * by whoever reports on the statement (EXPLAIN ANALYZE, the audit log), so they are atomic.
 */
public final class FragmentRun {
    /** How a running fragment is stopped: {@code Statement::cancel}, or a connection's cancel for a COPY. */
    @FunctionalInterface
    interface Canceller {
        void cancel() throws SQLException;
    }

    private final String source;
    private final String sql;
    private final long startNanos = System.nanoTime();
    private final AtomicLong rows = new AtomicLong();
    private volatile long endNanos;
    /** Until the fragment finishes; a finished fragment is never cancelled, its connection may serve another. */
    private Canceller canceller;
    private volatile boolean sentAhead;

    FragmentRun(String source, String sql, Canceller canceller) {
        this.source = requireNonNull(source, "source is null");
        this.sql = requireNonNull(sql, "sql is null");
        this.canceller = requireNonNull(canceller, "canceller is null");
    }

    public String source() {
        return source;
    }

    public String sql() {
        return sql;
    }

    /** Whether the query was sent when the statement started, before an operator asked for it. */
    public boolean sentAhead() {
        return sentAhead;
    }

    void markSentAhead() {
        sentAhead = true;
    }

    public long rows() {
        return rows.get();
    }

    public boolean finished() {
        return endNanos != 0;
    }

    public Duration elapsed() {
        long end = endNanos == 0 ? System.nanoTime() : endNanos;
        return Duration.ofNanos(end - startNanos);
    }

    void rowRead() {
        rows.incrementAndGet();
    }

    /**
     * Stamps the end. Waits for a cancel being sent meanwhile, so that a connection-wide cancel
     * reaches the source before the connection can go back to the pool and run someone else's query.
     */
    synchronized void finish() {
        if (endNanos == 0) {
            endNanos = System.nanoTime();
        }
        canceller = null;
    }

    /** Asks the source to stop working on this fragment; harmless when it already finished. */
    synchronized void cancel() {
        if (canceller != null) {
            try {
                canceller.cancel();
            } catch (SQLException | RuntimeException ignored) {
                // The fragment may have finished on the source meanwhile; nothing to stop.
            }
        }
    }

    @Override
    public String toString() {
        return source + ": " + sql + " (" + rows() + " rows, " + elapsed().toMillis() + " ms)";
    }
}
