package io.sluice.gateway.execution;

import io.sluice.gateway.planning.ResultColumn;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.sql.type.SqlTypeName;
import org.postgresql.PGResultSetMetaData;

/**
 * The rows of a statement that one PostgreSQL source runs whole, read from the driver directly
 * instead of through Calcite's compiled code:
 *
 * <pre>
 *   source ── DataRow ──▶ pgjdbc (splits it into each column's bytes)
 *     ├─ {@link #encodedRow()}: those bytes, untouched ──▶ the client's DataRow
 *     └─ {@link #current()}: Java values, for callers that want them (the CLI, tests)
 * </pre>
 *
 * pgjdbc hands out a text-format value as the bytes the server sent, so a forwarded value is
 * never parsed or formatted in Sluice. Policy needs nothing here: row filters and column masks
 * are part of the SQL the source runs.
 */
final class ForwardedRows implements Enumerator<Object[]> {
    /**
     * Result types whose PostgreSQL encoding is what a client expects from Sluice: pgjdbc's
     * session settings (DateStyle ISO, client_encoding UTF8, extra_float_digits 3) make the text
     * of these the same as Sluice's own. Left out: timestamptz (shown in the source session's
     * zone), intervals (IntervalStyle), bytea (pgjdbc decodes it), arrays and the rest.
     */
    static final Set<SqlTypeName> FORWARDED = EnumSet.of(SqlTypeName.BOOLEAN, SqlTypeName.TINYINT,
            SqlTypeName.SMALLINT, SqlTypeName.INTEGER, SqlTypeName.BIGINT, SqlTypeName.DECIMAL, SqlTypeName.REAL,
            SqlTypeName.FLOAT, SqlTypeName.DOUBLE, SqlTypeName.CHAR, SqlTypeName.VARCHAR, SqlTypeName.DATE,
            SqlTypeName.TIME, SqlTypeName.TIMESTAMP);

    /** The PostgreSQL types of those, as the source names the columns it returns. */
    private static final Set<String> FORWARDED_SOURCE_TYPES = Set.of("bool", "int2", "int4", "int8", "numeric",
            "float4", "float8", "text", "varchar", "bpchar", "date", "time", "timestamp");

    private final List<ResultColumn> columns;
    private final Connection connection;
    private final Statement statement;
    private final ResultSet rows;
    private final ResultSet values;
    private final List<SourceEncoding> encodings;

    private ForwardedRows(List<ResultColumn> columns, Connection connection, Statement statement, ResultSet rows,
            List<SourceEncoding> encodings) throws SQLException {
        this.columns = columns;
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
        // Row counting wraps the driver's result set; the values are read from it unwrapped.
        this.values = rows.unwrap(ResultSet.class);
        this.encodings = encodings;
    }

    /** Whether a planned statement's columns can all be forwarded as the source encodes them. */
    static boolean forwardable(List<ResultColumn> columns) {
        return columns.stream().allMatch(c -> FORWARDED.contains(c.type()));
    }

    /**
     * Sends {@code sql} to the source. Empty, with nothing left open, when the source's columns
     * turn out not to be forwardable (the caller then runs the statement the usual way).
     *
     * @param oneFetch the plan proves the rows fit in one fetch: no cursor is needed, so the
     *                 statement runs in auto-commit, one round trip instead of a transaction
     *                 whose ROLLBACK is a second (the pool's sessions are read-only either way)
     */
    static Optional<ForwardedRows> open(DataSource source, String sql, List<ResultColumn> columns,
            boolean oneFetch) {
        Connection connection = null;
        Statement statement = null;
        try {
            connection = source.getConnection();
            if (oneFetch) {
                // The pool puts auto-commit back when the connection returns to it.
                connection.setAutoCommit(true);
            }
            statement = connection.createStatement();
            ResultSet rows = statement.executeQuery(sql);
            Optional<List<SourceEncoding>> encodings = encodings(rows.getMetaData(), columns.size());
            if (encodings.isEmpty()) {
                closeAll(rows, statement, connection);
                return Optional.empty();
            }
            return Optional.of(new ForwardedRows(columns, connection, statement, rows, encodings.get()));
        } catch (SQLException e) {
            closeAll(null, statement, connection);
            throw sourceFailure(e);
        }
    }

    private static Optional<List<SourceEncoding>> encodings(ResultSetMetaData metaData, int expected)
            throws SQLException {
        if (!metaData.isWrapperFor(PGResultSetMetaData.class) || metaData.getColumnCount() != expected) {
            return Optional.empty();
        }
        PGResultSetMetaData pg = metaData.unwrap(PGResultSetMetaData.class);
        List<SourceEncoding> encodings = new ArrayList<>(expected);
        for (int i = 1; i <= expected; i++) {
            String type = metaData.getColumnTypeName(i);
            if (!FORWARDED_SOURCE_TYPES.contains(type)) {
                return Optional.empty();
            }
            encodings.add(new SourceEncoding(type, pg.getFormat(i) == 1));
        }
        return Optional.of(List.copyOf(encodings));
    }

    List<SourceEncoding> encodings() {
        return encodings;
    }

    @Override
    public boolean moveNext() {
        try {
            return rows.next();
        } catch (SQLException e) {
            throw sourceFailure(e);
        }
    }

    /** The current row's values as the source sent them, one array per column, null for NULL. */
    byte[][] encodedRow() {
        try {
            byte[][] row = new byte[columns.size()][];
            for (int i = 0; i < row.length; i++) {
                row[i] = values.getBytes(i + 1);
            }
            return row;
        } catch (SQLException e) {
            throw sourceFailure(e);
        }
    }

    /** The current row as Java values of the classes Calcite's execution hands out. */
    @Override
    public Object[] current() {
        try {
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = value(i + 1, columns.get(i).type());
            }
            return row;
        } catch (SQLException e) {
            throw sourceFailure(e);
        }
    }

    private Object value(int column, SqlTypeName type) throws SQLException {
        Object value = switch (type) {
            case BOOLEAN -> values.getBoolean(column);
            case TINYINT -> values.getByte(column);
            case SMALLINT -> values.getShort(column);
            case INTEGER -> values.getInt(column);
            case BIGINT -> values.getLong(column);
            case DECIMAL -> values.getBigDecimal(column);
            case REAL -> values.getFloat(column);
            case FLOAT, DOUBLE -> values.getDouble(column);
            case DATE -> values.getObject(column, LocalDate.class);
            case TIME -> values.getObject(column, LocalTime.class);
            case TIMESTAMP -> values.getObject(column, LocalDateTime.class);
            default -> values.getString(column);
        };
        return values.wasNull() ? null : value;
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("a source's rows are read once");
    }

    @Override
    public void close() {
        closeAll(rows, statement, connection);
    }

    private static void closeAll(ResultSet rows, Statement statement, Connection connection) {
        for (AutoCloseable resource : new AutoCloseable[] {rows, statement, connection}) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    // Closing after a cancel or a lost connection may fail; the rows are over either way.
                }
            }
        }
    }

    /** The error translation finds the source's SQLException in the cause, as for Calcite's execution. */
    private static RuntimeException sourceFailure(SQLException e) {
        return new IllegalStateException(e.getMessage(), e);
    }
}
