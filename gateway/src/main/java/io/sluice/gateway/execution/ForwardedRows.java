package io.sluice.gateway.execution;

import io.sluice.connectors.jdbc.CopyOutRows;
import io.sluice.connectors.jdbc.InstrumentedDataSource;
import io.sluice.gateway.planning.ResultColumn;
import io.sluice.gateway.wire.types.PgType;
import io.sluice.gateway.wire.types.PgTypes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.sql.type.SqlTypeName;
import org.postgresql.PGResultSetMetaData;

/**
 * The rows of a statement that one PostgreSQL source runs whole, read from the source directly
 * instead of through Calcite's compiled code:
 *
 * <pre>
 *   a result that fits one fetch:  SELECT ── DataRow ──▶ pgjdbc (splits it into each value's bytes)
 *   any other result:    COPY (SELECT) TO STDOUT ── one line per row ──▶ {@link CopyOutRows} (splits at tabs)
 *     ├─ {@link #encodedRow()}: the values as the source encoded them in text ──▶ the client's DataRow
 *     └─ {@link #current()}: Java values, for callers that want them (the CLI, tests)
 * </pre>
 *
 * A forwarded value is never parsed or formatted on its way to a client that asked for the type
 * and format the source sent. COPY streams without a cursor: no FETCH round trip per batch and no
 * transaction, which at SF 1 reads a million lineitem rows in about two thirds of the time a
 * 4,096-row cursor takes. Its one cost is a describe round trip first, for the result's types.
 * Policy needs nothing here: row filters and column masks are part of the SQL the source runs.
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

    /** Where the rows are read from. */
    private sealed interface Reader {
        boolean next() throws SQLException;

        /** The current row's values as the source encoded them, null for NULL. */
        byte[][] row() throws SQLException;

        void close() throws SQLException;
    }

    /** One fetch of a result set. Row counting wraps the driver's result set; values are read from it unwrapped. */
    private record Fetched(Statement statement, ResultSet rows, ResultSet values, int width) implements Reader {
        @Override
        public boolean next() throws SQLException {
            return rows.next();
        }

        @Override
        public byte[][] row() throws SQLException {
            byte[][] row = new byte[width][];
            for (int i = 0; i < width; i++) {
                row[i] = values.getBytes(i + 1);
            }
            return row;
        }

        @Override
        public void close() throws SQLException {
            try {
                rows.close();
            } finally {
                statement.close();
            }
        }
    }

    /** A COPY stream. */
    private record Copied(CopyOutRows rows) implements Reader {
        @Override
        public boolean next() throws SQLException {
            return rows.next();
        }

        @Override
        public byte[][] row() {
            return rows.row();
        }

        @Override
        public void close() throws SQLException {
            rows.close();
        }
    }

    private final List<ResultColumn> columns;
    private final Connection connection;
    private final Reader reader;
    private final List<SourceEncoding> encodings;
    private final List<PgType> sourceTypes;

    private ForwardedRows(List<ResultColumn> columns, Connection connection, Reader reader,
            List<SourceEncoding> encodings) {
        this.columns = columns;
        this.connection = connection;
        this.reader = reader;
        this.encodings = encodings;
        this.sourceTypes = encodings.stream().map(e -> PgTypes.byName(e.typeName()).orElseThrow()).toList();
    }

    /** Whether a planned statement's columns can all be forwarded as the source encodes them. */
    static boolean forwardable(List<ResultColumn> columns) {
        return columns.stream().allMatch(c -> FORWARDED.contains(c.type()));
    }

    /**
     * Sends {@code sql} to the source. Empty, with nothing left open, when the source's columns
     * turn out not to be forwardable (the caller then runs the statement the usual way).
     *
     * @param oneFetch the plan proves the rows fit in one fetch: the SELECT itself is sent, in
     *                 auto-commit, one round trip; otherwise the rows come by COPY
     */
    static Optional<ForwardedRows> open(InstrumentedDataSource source, String sql, List<ResultColumn> columns,
            boolean oneFetch) {
        Connection connection = null;
        Reader reader = null;
        try {
            connection = source.getConnection();
            // The pool puts auto-commit back when the connection returns to it. Neither a single
            // fetch nor a COPY needs a transaction, so none costs a ROLLBACK at the end.
            connection.setAutoCommit(true);
            Optional<List<SourceEncoding>> encodings;
            if (oneFetch) {
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql);
                reader = new Fetched(statement, rows, rows.unwrap(ResultSet.class), columns.size());
                encodings = encodings(rows.getMetaData(), columns.size());
            } else {
                encodings = described(connection, sql, columns.size());
                if (encodings.isPresent()) {
                    reader = new Copied(source.copyOut(connection, sql, columns.size()));
                }
            }
            if (encodings.isEmpty()) {
                closeAll(reader, connection);
                return Optional.empty();
            }
            return Optional.of(new ForwardedRows(columns, connection, reader, encodings.get()));
        } catch (SQLException e) {
            closeAll(reader, connection);
            throw sourceFailure(e);
        }
    }

    /** The result's types as the source describes the statement without running it; COPY sends text. */
    private static Optional<List<SourceEncoding>> described(Connection connection, String sql, int expected)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            ResultSetMetaData metaData = statement.getMetaData();
            return metaData == null ? Optional.empty() : encodings(metaData, expected)
                    .map(all -> all.stream().map(e -> new SourceEncoding(e.typeName(), false)).toList());
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
            return reader.next();
        } catch (SQLException e) {
            throw sourceFailure(e);
        }
    }

    /** The current row's values as the source sent them, one array per column, null for NULL. */
    byte[][] encodedRow() {
        try {
            return reader.row();
        } catch (SQLException e) {
            throw sourceFailure(e);
        }
    }

    /**
     * The current row as Java values of the classes Calcite's execution hands out for the
     * columns' types: each value read as the source's type, then taken as the column's.
     */
    @Override
    public Object[] current() {
        byte[][] encoded = encodedRow();
        Object[] row = new Object[encoded.length];
        for (int i = 0; i < row.length; i++) {
            if (encoded[i] != null) {
                row[i] = value(i, encoded[i]);
            }
        }
        return row;
    }

    private Object value(int column, byte[] encoded) {
        SqlTypeName type = columns.get(column).type();
        if ((type == SqlTypeName.CHAR || type == SqlTypeName.VARCHAR) && !encodings.get(column).binary()) {
            return new String(encoded, StandardCharsets.UTF_8);
        }
        Object value = sourceTypes.get(column).decode(encoded, encodings.get(column).binary() ? 1 : 0);
        return switch (type) {
            case TINYINT -> ((Number) value).byteValue();
            case SMALLINT -> ((Number) value).shortValue();
            case INTEGER -> ((Number) value).intValue();
            case BIGINT -> ((Number) value).longValue();
            case DECIMAL -> value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
            case REAL -> ((Number) value).floatValue();
            case FLOAT, DOUBLE -> ((Number) value).doubleValue();
            case DATE -> value instanceof LocalDateTime timestamp ? timestamp.toLocalDate() : value;
            default -> value;
        };
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("a source's rows are read once");
    }

    @Override
    public void close() {
        closeAll(reader, connection);
    }

    private static void closeAll(Reader reader, Connection connection) {
        try {
            if (reader != null) {
                reader.close();
            }
        } catch (SQLException | RuntimeException e) {
            // Closing after a cancel or a lost connection may fail; the rows are over either way.
        }
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException | RuntimeException e) {
            // As above: the pool drops a connection it cannot reset.
        }
    }

    /** The error translation finds the source's SQLException in the cause, as for Calcite's execution. */
    private static RuntimeException sourceFailure(SQLException e) {
        return new IllegalStateException(e.getMessage(), e);
    }
}
