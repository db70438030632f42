package io.sluice.gateway.wire;

import io.sluice.gateway.wire.types.EncodedColumn;
import java.util.List;
import java.util.Optional;

/**
 * A pull-based stream of result rows. The wire layer calls it from a worker thread (never
 * from a Netty event loop), one call at a time, and only asks for more rows when the client's
 * connection can take them, so an implementation that produces rows lazily never holds more
 * than one batch in memory.
 *
 * <p>Each row is an {@code Object[]} with one Java value per {@link PreparedQuery#columns()}
 * entry ({@code null} for SQL NULL), of a class the column's {@link io.sluice.gateway.wire.types.PgType}
 * accepts.
 */
public interface RowCursor extends AutoCloseable {
    /**
     * Returns up to {@code maxRows} more rows. An empty list means the cursor is exhausted.
     * May block. Should react to {@link Session#cancel()} by throwing
     * {@link PgException#cancelled()}.
     */
    List<Object[]> fetch(int maxRows);

    /**
     * Present when the rows come as a PostgreSQL server encoded them: every value of a row is then
     * the {@code byte[]} the server sent for that column (the row array may itself be a
     * {@code byte[][]}), to be read with that column's {@link EncodedColumn}. Asked after a fetch
     * returned rows; empty (the default) when rows hold Java values.
     */
    default Optional<List<EncodedColumn>> encodedColumns() {
        return Optional.empty();
    }

    /**
     * True once a fetch has reached the end of the rows, so the next fetch would return none. Lets
     * the wire layer end a result in the same round as its last rows instead of asking again;
     * {@code false} (the default) only costs that extra round.
     */
    default boolean exhausted() {
        return false;
    }

    /**
     * The CommandComplete tag once the cursor is exhausted, given how many rows the client got
     * in total; {@code SELECT n} by default. Statements without rows return e.g. {@code "SET"}.
     */
    default String commandTag(long rowCount) {
        return "SELECT " + rowCount;
    }

    /** Releases resources; called exactly once, also when the client vanishes mid-result. */
    @Override
    void close();

    /** A cursor for a statement that returns no rows, completing with the given tag. */
    static RowCursor completed(String commandTag) {
        return new RowCursor() {
            @Override
            public List<Object[]> fetch(int maxRows) {
                return List.of();
            }

            @Override
            public boolean exhausted() {
                return true;
            }

            @Override
            public String commandTag(long rowCount) {
                return commandTag;
            }

            @Override
            public void close() {}
        };
    }

    /** A cursor over rows already in memory (for small, fixed results). */
    static RowCursor of(List<Object[]> rows) {
        List<Object[]> copy = List.copyOf(rows);
        return new RowCursor() {
            private int next;

            @Override
            public List<Object[]> fetch(int maxRows) {
                int end = Math.min(copy.size(), next + maxRows);
                List<Object[]> batch = copy.subList(next, end);
                next = end;
                return batch;
            }

            @Override
            public boolean exhausted() {
                return next == copy.size();
            }

            @Override
            public void close() {}
        };
    }
}
