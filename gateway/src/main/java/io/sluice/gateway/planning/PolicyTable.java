package io.sluice.gateway.planning;

import static java.util.Objects.requireNonNull;

import io.sluice.connectors.catalog.SourceTable;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.schema.Table;

/**
 * A table the policy decides on, as the policy sees it: a source's table, or one of Sluice's own
 * {@code sys} tables. Catalog tables ({@code pg_catalog}, {@code information_schema}) are not
 * policy tables; they filter themselves per user.
 */
public record PolicyTable(String source, String schema, String name, List<Column> columns) {
    public PolicyTable {
        requireNonNull(source, "source is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(name, "name is null");
        columns = List.copyOf(columns);
    }

    /** @param type the SQL type name, e.g. {@code VARCHAR} */
    public record Column(String name, String type) {
        public Column {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    /** A table outside the sources that policy governs all the same (the {@code sys} tables). */
    public interface Governed extends Table {
        String source();

        String schema();

        String name();
    }

    /** The policy table behind a scan, or empty for a table policy does not govern. */
    public static Optional<PolicyTable> of(TableScan scan) {
        return Optional.ofNullable(scan.getTable().unwrap(Table.class)).flatMap(PolicyTable::of);
    }

    public static Optional<PolicyTable> of(Table table) {
        return switch (table) {
            case SourceTable t -> Optional.of(of(t.source(), t.schema(), t.name(), t));
            case Governed t -> Optional.of(of(t.source(), t.schema(), t.name(), t));
            default -> Optional.empty();
        };
    }

    private static PolicyTable of(String source, String schema, String name, Table table) {
        List<Column> columns = table.getRowType(new JavaTypeFactoryImpl()).getFieldList().stream()
                .map(f -> new Column(f.getName(), f.getType().getSqlTypeName().getName())).toList();
        return new PolicyTable(source, schema, name, columns);
    }

    /** {@code source.schema.table}, the name decisions and audit records use. */
    public String key() {
        return source + "." + schema + "." + name;
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }
}
