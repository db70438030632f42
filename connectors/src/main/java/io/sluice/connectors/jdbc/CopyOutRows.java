package io.sluice.connectors.jdbc;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.copy.CopyOut;

/**
 * The rows of a query that a PostgreSQL source streams as {@code COPY (query) TO STDOUT}, one
 * line per row, each value in the text format the server's output functions give (the same bytes
 * a DataRow carries).
 *
 * <pre>
 *   source ── CopyData "v1\tv2\t\N\n" ──▶ {@link #next()} ──▶ {@link #row()}: {"v1", "v2", null}
 * </pre>
 *
 * Why COPY for a big result: the server streams it at once, with no cursor and no FETCH round
 * trip per batch, and the driver hands out a line per row instead of an array per value. TCP is
 * the backpressure: a reader that stops reading stops the server.
 */
public final class CopyOutRows implements AutoCloseable {
    private static final int RECANCEL_EVERY = 10_000;
    private static final String QUERY_CANCELED = "57014";

    private final CopyOut copy;
    private final FragmentRun run;
    private final int columns;
    private byte[][] row;

    CopyOutRows(CopyOut copy, FragmentRun run, int columns) {
        this.copy = requireNonNull(copy, "copy is null");
        this.run = requireNonNull(run, "run is null");
        this.columns = columns;
    }

    /** Reads the next row; false at the end of the result. */
    public boolean next() throws SQLException {
        byte[] line = copy.readFromCopy();
        if (line == null) {
            run.finish();
            row = null;
            return false;
        }
        row = fields(line, columns);
        run.rowRead();
        return true;
    }

    /** The current row's values as the source encoded them in text, null for NULL. */
    public byte[][] row() {
        if (row == null) {
            throw new IllegalStateException("no current row");
        }
        return row;
    }

    /**
     * Stops a result not read to its end and ends the run. The source is told to cancel, and what
     * it sent meanwhile is read and dropped up to the end of the COPY, so the connection goes back
     * to the pool with nothing of it left unread. (pgjdbc's own {@code cancelCopy} left a message
     * behind after a cancel sent during the COPY, and the next borrower failed on it.) A cancel
     * that came too early to stop anything is sent again every {@value #RECANCEL_EVERY} rows.
     */
    @Override
    public void close() throws SQLException {
        try {
            long dropped = 0;
            while (copy.isActive()) {
                if (dropped++ % RECANCEL_EVERY == 0) {
                    run.cancel();
                }
                if (copy.readFromCopy() == null) {
                    break;
                }
            }
        } catch (SQLException e) {
            if (!QUERY_CANCELED.equals(e.getSQLState())) {
                throw e;
            }
        } finally {
            run.finish();
        }
    }

    /**
     * Splits one line of COPY's text format into its values: tab between values, newline at the
     * end, {@code \N} for NULL, and a backslash before a backslash or before the letter that names
     * a control character ({@code \t} for a tab in a value). COPY TO writes no other escapes.
     */
    static byte[][] fields(byte[] line, int columns) throws SQLException {
        int end = line.length > 0 && line[line.length - 1] == '\n' ? line.length - 1 : line.length;
        byte[][] values = new byte[columns][];
        if (columns == 0 && end == 0) {
            return values;
        }
        int column = 0;
        int start = 0;
        boolean escaped = false;
        for (int i = 0; i <= end; i++) {
            if (i == end || line[i] == '\t') {
                if (column == columns) {
                    throw wrongWidth(columns);
                }
                values[column++] = escaped ? unescape(line, start, i) : Arrays.copyOfRange(line, start, i);
                start = i + 1;
                escaped = false;
            } else if (line[i] == '\\') {
                if (i + 1 == end) {
                    throw new SQLException("a COPY line from the source ends in a lone backslash", "08P01");
                }
                escaped = true;
                i++; // the escaped byte is data, whatever it is
            }
        }
        if (column != columns) {
            throw wrongWidth(columns);
        }
        return values;
    }

    private static byte[] unescape(byte[] line, int start, int end) {
        if (end - start == 2 && line[start] == '\\' && line[start + 1] == 'N') {
            return null;
        }
        byte[] out = new byte[end - start];
        int length = 0;
        for (int i = start; i < end; i++) {
            byte b = line[i];
            if (b == '\\') {
                b = switch (line[++i]) {
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'v' -> 0x0b;
                    default -> line[i]; // a backslash or the delimiter
                };
            }
            out[length++] = b;
        }
        return Arrays.copyOf(out, length);
    }

    private static SQLException wrongWidth(int columns) {
        return new SQLException("a COPY line from the source does not have the " + columns
                + " values its query returns", "08P01");
    }
}
