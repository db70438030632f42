package io.sluice.gateway.execution;

import static java.util.Objects.requireNonNull;

import io.sluice.connectors.jdbc.FragmentLog;
import io.sluice.gateway.error.ErrorTranslator;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.error.SqlState;
import io.sluice.gateway.planning.ResultColumn;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.apache.calcite.linq4j.Enumerator;

/**
 * The rows of one running statement, pulled one at a time: nothing is buffered here beyond what
 * the operators themselves need (a hash join's build side, a sort), so a ten-million-row scan
 * streams from the source to the caller. Rows come from the source only while the caller asks;
 * whoever stops early must {@link #close()} so the source statement is cancelled and its
 * connection goes back to the pool.
 *
 * <p>Not thread-safe, except {@link #cancel()}, which any thread may call.
 */
public final class ResultCursor implements AutoCloseable {
    private final String sql;
    private final List<ResultColumn> columns;
    private final List<UnaryOperator<Object>> converters;
    private final java.util.function.Supplier<Enumerator<?>> opener;
    private Enumerator<?> enumerator;
    private final FragmentLog fragments;
    private final AtomicBoolean cancelFlag;
    private long rows;
    private long bytes;
    private boolean positioned;
    private Object[] current;
    private byte[][] currentEncoded;
    private boolean closed;
    private boolean ended;
    private Consumer<Ending> onEnd = ending -> {};
    /** Set when the statement's time limit cancelled it: its error then says so. */
    private volatile Optional<Duration> timedOutAfter = Optional.empty();
    private AutoCloseable resources = () -> {};

    /**
     * How a statement ended, reported once to the {@link #onEnd} listener.
     *
     * @param bytes the size of the values handed out, estimated: text by length, other values 8
     *              bytes, values forwarded as the source encoded them by their encoded length
     */
    public record Ending(Kind kind, Optional<SluiceException> error, long rows, long bytes) {
        public enum Kind { COMPLETED, FAILED, CANCELLED, CLOSED_EARLY }

        public Ending {
            requireNonNull(kind, "kind is null");
            requireNonNull(error, "error is null");
        }
    }

    /**
     * @param opener starts the statement; called on the first {@link #next()}, so that a cursor
     *               can be handed out (and cancelled) before any work is done: an aggregate
     *               computes its whole input when it is opened
     */
    ResultCursor(String sql, List<ResultColumn> columns, java.util.function.Supplier<Enumerator<?>> opener,
            FragmentLog fragments, AtomicBoolean cancelFlag) {
        this.sql = requireNonNull(sql, "sql is null");
        this.columns = List.copyOf(columns);
        this.converters = this.columns.stream().map(ValueConverter::forColumn).toList();
        this.opener = requireNonNull(opener, "opener is null");
        this.fragments = requireNonNull(fragments, "fragments is null");
        this.cancelFlag = requireNonNull(cancelFlag, "cancelFlag is null");
    }

    /** A cursor over rows already computed (EXPLAIN output, session command answers). */
    public static ResultCursor ofRows(String sql, List<ResultColumn> columns, List<Object[]> rows) {
        return new ResultCursor(sql, columns, () -> org.apache.calcite.linq4j.Linq4j.enumerator(rows),
                new FragmentLog(), new AtomicBoolean());
    }

    /**
     * Called once when the statement ends: its last row was read, it failed, it was cancelled, or
     * it was closed before the end. Runs on the thread that ended it, before {@link #next()}
     * returns false or throws; an exception from the listener at the end of the rows (the audit
     * log could not be written) replaces the normal end, so the client never sees the statement
     * complete.
     */
    public void onEnd(Consumer<Ending> listener) {
        this.onEnd = requireNonNull(listener, "listener is null");
    }

    /** What the running statement holds until it ends (its memory account); released once, at the end. */
    void releaseOnEnd(AutoCloseable held) {
        this.resources = requireNonNull(held, "held is null");
    }

    private void release() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException("releasing what the statement held failed", e);
        }
        resources = () -> {};
    }

    public List<ResultColumn> columns() {
        return columns;
    }

    /** Advances to the next row; false at the end. Errors come out as {@link SluiceException}. */
    public boolean next() {
        if (closed) {
            return false;
        }
        if (cancelFlag.get()) {
            throw end(Ending.Kind.CANCELLED, cancelled());
        }
        boolean more;
        try (FragmentLog.Activation ignored = fragments.activate()) {
            if (enumerator == null) {
                enumerator = opener.get();
            }
            more = enumerator.moveNext();
            positioned = more;
            current = null;
            currentEncoded = null;
            if (more) {
                // A forwarded row is read as the source encoded it; Java values only if asked for.
                if (enumerator instanceof ForwardedRows forwarded) {
                    currentEncoded = encoded(forwarded.encodedRow());
                } else {
                    current = toRow(enumerator.current());
                }
                rows++;
            }
        } catch (RuntimeException e) {
            if (cancelFlag.get()) {
                throw end(Ending.Kind.CANCELLED, cancelled());
            }
            SluiceException error = ErrorTranslator.translate(e, sql);
            throw end(error.state() == SqlState.QUERY_CANCELED ? Ending.Kind.CANCELLED : Ending.Kind.FAILED, error);
        }
        if (!more) {
            release();
            if (!ended) {
                ended = true;
                onEnd.accept(new Ending(Ending.Kind.COMPLETED, Optional.empty(), rows, bytes));
            }
        }
        return more;
    }

    private SluiceException end(Ending.Kind kind, SluiceException error) {
        release();
        if (!ended) {
            ended = true;
            try {
                onEnd.accept(new Ending(kind, Optional.of(error), rows, bytes));
            } catch (SluiceException listenerFailure) {
                error.addSuppressed(listenerFailure);
            }
        }
        return error;
    }

    /** The current row, values converted to java.time, byte arrays, BigDecimal and the like. */
    public Object[] row() {
        if (!positioned) {
            throw new IllegalStateException("no current row: call next() first");
        }
        if (current == null) {
            current = forwardedValues();
        }
        return current;
    }

    /**
     * How the source encoded each column, when this statement's rows come straight from one
     * PostgreSQL source ({@link #encodedRow()}); empty otherwise.
     */
    public Optional<List<SourceEncoding>> sourceEncodings() {
        return enumerator instanceof ForwardedRows forwarded
                ? Optional.of(forwarded.encodings()) : Optional.empty();
    }

    /** The current row as the source encoded it, for a cursor with {@link #sourceEncodings()}. */
    public byte[][] encodedRow() {
        if (currentEncoded == null) {
            throw new IllegalStateException("no current row as the source encoded it");
        }
        return currentEncoded;
    }

    private byte[][] encoded(byte[][] row) {
        for (byte[] value : row) {
            bytes += value == null ? 1 : value.length;
        }
        return row;
    }

    /** A forwarded row read as Java values; a source failure ends the statement as one in {@link #next()} does. */
    private Object[] forwardedValues() {
        try (FragmentLog.Activation ignored = fragments.activate()) {
            return ((ForwardedRows) enumerator).current();
        } catch (RuntimeException e) {
            SluiceException error = ErrorTranslator.translate(e, sql);
            throw end(Ending.Kind.FAILED, error);
        }
    }

    public long rowsSoFar() {
        return rows;
    }

    public FragmentLog fragments() {
        return fragments;
    }

    /** Stops the statement: sources are asked to cancel, and the next {@link #next()} fails with 57014. */
    public void cancel() {
        cancelFlag.set(true);
        fragments.cancel();
    }

    /** Cancels the statement because it ran for {@code limit}, limits.statement_timeout; any thread. */
    void timeOut(Duration limit) {
        timedOutAfter = Optional.of(limit);
        cancel();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!ended) {
            ended = true;
            try {
                onEnd.accept(new Ending(cancelFlag.get() ? Ending.Kind.CANCELLED : Ending.Kind.CLOSED_EARLY,
                        Optional.empty(), rows, bytes));
            } catch (SluiceException e) {
                // The rows were delivered; the listener has already reported its own failure.
            }
        }
        if (enumerator != null) {
            try (FragmentLog.Activation ignored = fragments.activate()) {
                enumerator.close();
            } catch (RuntimeException e) {
                // Closing after a cancel or a source error may fail again; the statement is over either way.
            }
        }
        release();
    }

    private Object[] toRow(Object value) {
        Object[] raw = value instanceof Object[] array ? array : new Object[] {value};
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            Object v = i < raw.length ? raw[i] : null;
            row[i] = v == null ? null : converters.get(i).apply(v);
            bytes += switch (row[i]) {
                case null -> 1;
                case String text -> text.length();
                case byte[] binary -> binary.length;
                default -> 8;
            };
        }
        return row;
    }

    private SluiceException cancelled() {
        String why = timedOutAfter.map(limit -> "statement timeout (limits.statement_timeout: " + text(limit) + ")")
                .orElse("user request");
        return new SluiceException(SqlState.QUERY_CANCELED, "canceling statement due to " + why,
                OptionalInt.empty(), null);
    }

    /** A limit as the configuration spells it: {@code 5m}, {@code 1s}, {@code 1500ms}. */
    private static String text(Duration limit) {
        if (limit.toMillis() % 60_000 == 0) {
            return limit.toMinutes() + "m";
        }
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + "s" : limit.toMillis() + "ms";
    }
}
