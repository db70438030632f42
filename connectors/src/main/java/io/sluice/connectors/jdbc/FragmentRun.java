package io.sluice.connectors.jdbc;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One piece of SQL sent to one source on behalf of a statement: what was sent, how many rows
 * came back, how long it took. Counters are updated by the thread reading the rows and read
 * by whoever reports on the statement (EXPLAIN ANALYZE, the audit log), so they are atomic.
 */
public final class FragmentRun {
    private final String source;
    private final String sql;
    private final long startNanos = System.nanoTime();
    private final AtomicLong rows = new AtomicLong();
    private volatile long endNanos;
    private volatile Statement statement;
    private volatile boolean sentAhead;

    FragmentRun(String source, String sql, Statement statement) {
        this.source = requireNonNull(source, "source is null");
        this.sql = requireNonNull(sql, "sql is null");
        this.statement = requireNonNull(statement, "statement is null");
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

    void finish() {
        if (endNanos == 0) {
            endNanos = System.nanoTime();
        }
        statement = null;
    }

    /** Asks the source to stop working on this fragment; harmless when it already finished. */
    void cancel() {
        Statement running = statement;
        if (running != null) {
            try {
                running.cancel();
            } catch (SQLException | RuntimeException ignored) {
                // The fragment may have finished between the check and the call; nothing to stop.
            }
        }
    }

    @Override
    public String toString() {
        return source + ": " + sql + " (" + rows() + " rows, " + elapsed().toMillis() + " ms)";
    }
}
