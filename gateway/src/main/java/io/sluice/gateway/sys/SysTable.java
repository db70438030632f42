package io.sluice.gateway.sys;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.planning.PolicyTable;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * One {@code sys} table: fixed, nullable columns, rows produced when the statement pulls them.
 * Policy governs it as source {@code sys}, schema {@code sys}, like any source table. Values are
 * Calcite's internal ones: a {@code TIMESTAMP} is UTC milliseconds as a {@code long}.
 */
final class SysTable extends AbstractTable implements ScannableTable, PolicyTable.Governed {
    static final String NAME = "sys";

    record Column(String name, SqlTypeName type) {
        Column {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    private final String name;
    private final List<Column> columns;
    private final Supplier<Stream<Object[]>> rows;

    /** @param rows opened once per scan; the stream is closed when the scan ends, early or not */
    SysTable(String name, List<Column> columns, Supplier<Stream<Object[]>> rows) {
        this.name = requireNonNull(name, "name is null");
        this.columns = List.copyOf(columns);
        this.rows = requireNonNull(rows, "rows is null");
    }

    @Override
    public String source() {
        return NAME;
    }

    @Override
    public String schema() {
        return NAME;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        for (Column column : columns) {
            builder.add(column.name(), typeFactory.createTypeWithNullability(typeFactory.createSqlType(column.type()),
                    true));
        }
        return builder.build();
    }

    @Override
    public Statistic getStatistic() {
        return Statistics.of(1_000d, List.of());
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                return new StreamEnumerator(rows.get());
            }
        };
    }

    /** Pulls rows one at a time; closing it closes the stream and whatever file it holds open. */
    private static final class StreamEnumerator implements Enumerator<Object[]> {
        private final Stream<Object[]> stream;
        private final java.util.Iterator<Object[]> rows;
        private Object[] current;

        StreamEnumerator(Stream<Object[]> stream) {
            this.stream = stream;
            this.rows = stream.iterator();
        }

        @Override
        public Object[] current() {
            return current;
        }

        @Override
        public boolean moveNext() {
            if (!rows.hasNext()) {
                return false;
            }
            current = rows.next();
            return true;
        }

        @Override
        public void reset() {
            throw new UnsupportedOperationException("a sys table scan cannot be rewound");
        }

        @Override
        public void close() {
            stream.close();
        }
    }

    @Override
    public String toString() {
        return "SysTable(" + NAME + "." + name + ")";
    }
}
