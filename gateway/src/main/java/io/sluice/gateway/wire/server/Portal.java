package io.sluice.gateway.wire.server;

import io.sluice.gateway.wire.Column;
import io.sluice.gateway.wire.RowCursor;
import io.sluice.gateway.wire.message.BackendMessage;
import io.sluice.gateway.wire.message.BackendMessage.DataRow;
import io.sluice.gateway.wire.message.BackendMessage.DataRows;
import io.sluice.gateway.wire.message.BackendMessage.Field;
import io.sluice.gateway.wire.message.BackendMessage.RowDescription;
import io.sluice.gateway.wire.types.EncodedValue;
import io.sluice.gateway.wire.types.PgTypes;
import java.util.ArrayList;
import java.util.List;

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
        if (value instanceof EncodedValue encoded) {
            return inZone(column, encoded.decoded(), format);
        }
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
    String text(Column column, Object value) {
        return column.type().encodeText(inZone(column, value, (short) 0));
    }

    private byte[] encode(Column column, Object value, short format) {
        // A source's timestamptz text is in the source session's zone, not this session's.
        if (value instanceof EncodedValue encoded && column.type() != PgTypes.TIMESTAMPTZ) {
            return encoded.encode(column.type(), format);
        }
        return column.type().encode(inZone(column, value, format), format);
    }

    /** Encodes rows for DataRow messages in this portal's formats; runs on a worker thread. */
    DataRows encode(List<Column> columns, List<Object[]> rows) {
        List<DataRow> out = new ArrayList<>(rows.size());
        int n = columns.size();
        for (Object[] row : rows) {
            if (row.length != n) {
                throw new IllegalStateException("backend returned a row of " + row.length + " values for " + n + " columns");
            }
            byte[][] values = new byte[n][];
            for (int i = 0; i < n; i++) {
                values[i] = row[i] == null ? null : encode(columns.get(i), row[i], formats[i]);
            }
            out.add(new DataRow(values));
        }
        return new DataRows(out);
    }
}
