package io.sluice.gateway.wire.server;

import io.sluice.gateway.wire.Column;
import io.sluice.gateway.wire.RowCursor;
import io.sluice.gateway.wire.message.BackendMessage;
import io.sluice.gateway.wire.message.BackendMessage.DataRow;
import io.sluice.gateway.wire.message.BackendMessage.DataRows;
import io.sluice.gateway.wire.message.BackendMessage.Field;
import io.sluice.gateway.wire.message.BackendMessage.RowDescription;
import io.sluice.gateway.wire.types.EncodedColumn;
import io.sluice.gateway.wire.types.PgTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A bound statement: parameters, result formats, and the cursor once execution started. Event-loop confined. */
final class Portal {
    final String name;
    final Statement statement;
    final List<Object> parameters;
    private final short[] formats;
    private final java.time.ZoneId zone;
    RowCursor cursor;
    boolean started;
    boolean finished;
    long rowsSent;
    String finishedTag = "SELECT 0";

    /**
     * @param zone the session's TimeZone: timestamptz values are shown in it in text format, as in PostgreSQL
     */
    Portal(String name, Statement statement, List<Object> parameters, List<Short> resultFormats, java.time.ZoneId zone) {
        this.name = name;
        this.zone = zone;
        this.statement = statement;
        this.parameters = parameters;
        List<Column> columns = statement.columns();
        this.formats = new short[columns.size()];
        for (int i = 0; i < formats.length; i++) {
            formats[i] = resultFormats.isEmpty() ? 0 : resultFormats.size() == 1 ? resultFormats.getFirst() : resultFormats.get(i);
        }
    }

    RowDescription rowDescription() {
        return rowDescription(statement.columns(), formats);
    }

    static RowDescription rowDescription(List<Column> columns, short[] formats) {
        List<Field> fields = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            fields.add(new Field(c.name(), c.tableOid(), c.columnNumber(), c.type().oid(), c.type().typlen(), c.typmod(),
                    formats == null ? 0 : formats[i]));
        }
        return new RowDescription(fields);
    }

    private Object inZone(Column column, Object value, short format) {
        if (format == 0 && column.type() == PgTypes.TIMESTAMPTZ) {
            return switch (value) {
                case java.time.OffsetDateTime t -> t.atZoneSameInstant(zone).toOffsetDateTime();
                case java.time.ZonedDateTime t -> t.withZoneSameInstant(zone).toOffsetDateTime();
                case java.time.Instant t -> t.atZone(zone).toOffsetDateTime();
                default -> value;
            };
        }
        return value;
    }

    /** The text form of a value (for COPY), timestamptz in the session's zone. */
    private String text(Column column, Object value) {
        return column.type().encodeText(inZone(column, value, (short) 0));
    }

    /**
     * The text form of a row's values (for COPY); {@code encoded} as {@link RowCursor#encodedColumns()}
     * says the row holds them.
     */
    String[] text(List<Column> columns, Object[] row, Optional<List<EncodedColumn>> encoded) {
        String[] text = new String[columns.size()];
        for (int i = 0; i < text.length; i++) {
            Object value = row[i] == null ? null
                    : encoded.isPresent() ? encoded.get().get(i).decoded((byte[]) row[i]) : row[i];
            text[i] = value == null ? null : text(columns.get(i), value);
        }
        return text;
    }

    /**
     * Encodes rows for DataRow messages in this portal's formats; runs on a worker thread. Rows of
     * {@code encoded} columns hold a source's bytes: a column whose bytes are already in the type
     * and format this portal sends is passed through untouched, the rest are read and written again.
     */
    DataRows encode(List<Column> columns, List<Object[]> rows, Optional<List<EncodedColumn>> encoded) {
        int n = columns.size();
        boolean[] passThrough = new boolean[n];
        boolean allPass = encoded.isPresent();
        for (int i = 0; i < n && encoded.isPresent(); i++) {
            // A source's timestamptz text is in the source session's zone, not this session's.
            passThrough[i] = encoded.get().get(i).passesAs(columns.get(i).type(), formats[i])
                    && columns.get(i).type() != PgTypes.TIMESTAMPTZ;
            allPass &= passThrough[i];
        }
        List<DataRow> out = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            if (row.length != n) {
                throw new IllegalStateException("backend returned a row of " + row.length + " values for " + n + " columns");
            }
            if (allPass && row instanceof byte[][] bytes) {
                out.add(new DataRow(bytes));
                continue;
            }
            byte[][] values = new byte[n][];
            for (int i = 0; i < n; i++) {
                Object value = row[i];
                if (value == null) {
                    continue;
                }
                if (passThrough[i]) {
                    values[i] = (byte[]) value;
                } else {
                    Object java = encoded.isPresent() ? encoded.get().get(i).decoded((byte[]) value) : value;
                    values[i] = columns.get(i).type().encode(inZone(columns.get(i), java, formats[i]), formats[i]);
                }
            }
            out.add(new DataRow(values));
        }
        return new DataRows(out);
    }
}
