package io.sluice.gateway.wire;

import java.util.List;

/**
 * One client connection as the backend (the SQL engine) sees it. Created by
 * {@link SessionFactory#open} after authentication succeeded; closed when the connection ends.
 *
 * <p>Threading: {@link #prepare} and {@link #execute} (and the cursor's methods) are called
 * on worker threads, never concurrently for one session, and may block. {@link #cancel()} is
 * called from another thread while a statement runs.
 *
 * <p>Session commands (BEGIN, COMMIT, ROLLBACK, SET, SHOW, RESET, DISCARD) never reach the
 * backend: the wire layer answers them and keeps their state in {@link SessionContext}, which
 * the backend can read (e.g. {@code TimeZone}, {@code search_path}).
 */
public interface Session extends AutoCloseable {
    /**
     * Parses and plans one statement.
     *
     * @param sql one SQL statement, without a trailing semicolon
     * @param parameterTypeOids the parameter types the client declared; 0 (or a missing
     *     entry) means "infer it", and the returned query must then say which type it chose.
     *     A declared type is binding, as in PostgreSQL: the client sends values in that type
     *     ({@code $1} declared int2 in {@code $1::int4} arrives as a {@link Short}), and the
     *     wire layer decodes and describes them with it whatever the query reports.
     * @throws PgException with e.g. 42601 and a position for a syntax error
     */
    PreparedQuery prepare(String sql, List<Integer> parameterTypeOids);

    /**
     * Starts executing a prepared statement.
     *
     * @param query a query this session prepared
     * @param parameters one value per parameter, already converted to the Java class of
     *     the declared {@link io.sluice.gateway.wire.types.PgType} ({@code null} for NULL)
     * @param maxRowsHint how many rows the client asked for in the first Execute (0 = all);
     *     only a hint, the wire layer fetches in batches either way
     */
    RowCursor execute(PreparedQuery query, List<Object> parameters, long maxRowsHint);

    /** Asks the running statement (if any) to stop soon with {@link PgException#cancelled()}. */
    void cancel();

    /** Called once when the connection ends. */
    @Override
    default void close() {}
}
