package io.sluice.gateway.catalog;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import io.sluice.gateway.session.SessionContext;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/** One system catalog table: fixed columns, rows computed from the live catalog on every scan. */
final class SystemTable extends AbstractTable implements ScannableTable {
    /** What a scan computes its rows from. The catalog snapshot is read only if a table needs it. */
    static final class Scan {
        private final Supplier<CatalogSnapshot> snapshot;
        private CatalogSnapshot read;
        private final String user;

        Scan(Supplier<CatalogSnapshot> snapshot, String user) {
            this.snapshot = snapshot;
            this.user = user;
        }

        CatalogSnapshot catalog() {
            if (read == null) {
                read = snapshot.get();
            }
            return read;
        }

        String user() {
            return user;
        }
    }

    interface SnapshotReader {
        CatalogSnapshot read(SessionContext session);
    }

    private final String name;
    private final List<CatalogSnapshot.Column> columns;
    private final Function<Scan, Stream<Object[]>> rows;
    private final SnapshotReader reader;

    SystemTable(String name, List<CatalogSnapshot.Column> columns, Function<Scan, Stream<Object[]>> rows,
            SnapshotReader reader) {
        this.name = requireNonNull(name, "name is null");
        this.columns = List.copyOf(columns);
        this.rows = requireNonNull(rows, "rows is null");
        this.reader = requireNonNull(reader, "reader is null");
    }

    List<CatalogSnapshot.Column> columns() {
        return columns;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        for (CatalogSnapshot.Column column : columns) {
            builder.add(column.name(), column.relType(typeFactory));
        }
        return builder.build();
    }

    @Override
    public Statistic getStatistic() {
        return Statistics.of(100d, List.of());
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
        String user = user(root);
        Scan scan = new Scan(() -> snapshot(root), user);
        List<Object[]> result = new ArrayList<>();
        rows.apply(scan).forEach(row -> result.add(coerce(row)));
        return Linq4j.asEnumerable(result);
    }

    /** The catalog as the statement's user sees it. */
    CatalogSnapshot snapshot(DataContext root) {
        SessionContext session = root.get(SessionContext.DATA_CONTEXT_KEY) instanceof SessionContext s
                ? s : new SessionContext(user(root), List.of(), Map.of());
        return reader.read(session);
    }

    private static String user(DataContext root) {
        Object userValue = root.get(DataContext.Variable.USER.camelName);
        return userValue == null ? "" : userValue.toString();
    }

    /** Rows are written with plain Java numbers; Calcite wants each column's own class. */
    private Object[] coerce(Object[] row) {
        if (row.length != columns.size()) {
            throw new IllegalStateException(name + ": row has " + row.length + " values for " + columns.size()
                    + " columns");
        }
        for (int i = 0; i < row.length; i++) {
            Object value = row[i];
            if (value == null) {
                continue;
            }
            if (columns.get(i).array()) {
                continue;
            }
            SqlTypeName type = columns.get(i).type();
            row[i] = switch (type) {
                case SMALLINT -> ((Number) value).shortValue();
                case INTEGER -> ((Number) value).intValue();
                case BIGINT -> ((Number) value).longValue();
                case REAL -> ((Number) value).floatValue();
                case VARCHAR -> value instanceof Character c ? String.valueOf(c) : value.toString();
                default -> value;
            };
        }
        return row;
    }

    @Override
    public String toString() {
        return "SystemTable(" + name + ")";
    }
}
