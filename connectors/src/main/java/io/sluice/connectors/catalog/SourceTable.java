package io.sluice.connectors.catalog;

import static java.util.Objects.requireNonNull;

import io.sluice.connectors.jdbc.PushdownCapabilities;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.apache.calcite.adapter.jdbc.JdbcTable;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * A source table as the planner sees it: Calcite's {@link JdbcTable} (which turns scans into
 * SQL for the source) plus the source's row-count and distinct-value estimates, which Calcite's
 * JDBC adapter does not read and which join ordering and the choice of join strategy need. The JDBC table, and so
 * the column metadata, is fetched only when a statement first uses the table.
 */
public final class SourceTable extends AbstractTable implements TranslatableTable {
    private final String source;
    private final String schema;
    private final String name;
    private final OptionalLong rowCount;
    private final Map<String, Double> distinctValues;
    private final Supplier<JdbcTable> jdbcTable;
    private final PushdownCapabilities capabilities;
    private final Supplier<List<String>> primaryKey;
    private volatile Statistic statistic;

    SourceTable(String source, String schema, String name, OptionalLong rowCount, Map<String, Double> distinctValues,
            Supplier<JdbcTable> jdbcTable, PushdownCapabilities capabilities, Supplier<List<String>> primaryKey) {
        this.distinctValues = requireNonNull(distinctValues, "distinctValues is null");
        this.primaryKey = requireNonNull(primaryKey, "primaryKey is null");
        this.source = requireNonNull(source, "source is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.capabilities = requireNonNull(capabilities, "capabilities is null");
        this.name = requireNonNull(name, "name is null");
        this.rowCount = requireNonNull(rowCount, "rowCount is null");
        this.jdbcTable = requireNonNull(jdbcTable, "jdbcTable is null");
    }

    public String source() {
        return source;
    }

    /** The source's own schema (or database) the table lives in, as the catalog lists it. */
    public String schema() {
        return schema;
    }

    public String name() {
        return name;
    }

    public OptionalLong rowCount() {
        return rowCount;
    }

    /** The source's estimate of the column's distinct values, where it keeps one. */
    public OptionalDouble distinctValues(String column) {
        Double values = distinctValues.get(column);
        return values == null ? OptionalDouble.empty() : OptionalDouble.of(values);
    }

    /** What the table's source can evaluate, for pushdown decisions. */
    public PushdownCapabilities capabilities() {
        return capabilities;
    }

    public JdbcTable jdbcTable() {
        return jdbcTable.get();
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return withUnsizedStrings(jdbcTable().getRowType(typeFactory), typeFactory);
    }

    /**
     * DuckDB reports no length for its VARCHAR columns, which Calcite reads as VARCHAR(0); the
     * planner then types a union of such a column with a VARCHAR(4) one as VARCHAR(4), casts
     * the file's strings to it, and types {@code n_name || 'x'} as VARCHAR(1). A string column
     * without a length is VARCHAR without a length, as in PostgreSQL.
     */
    private static RelDataType withUnsizedStrings(RelDataType row, RelDataTypeFactory typeFactory) {
        if (row.getFieldList().stream().noneMatch(f -> SqlTypeUtil.isCharacter(f.getType())
                && f.getType().getPrecision() == 0)) {
            return row;
        }
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        for (RelDataTypeField field : row.getFieldList()) {
            RelDataType type = field.getType();
            if (SqlTypeUtil.isCharacter(type) && type.getPrecision() == 0) {
                type = typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.VARCHAR),
                        type.isNullable());
            }
            builder.add(field.getName(), type);
        }
        return builder.build();
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        return jdbcTable().toRel(context, relOptTable);
    }

    /**
     * Row count and primary key. The key matters as much as the count: without it the planner
     * guesses that joining orders to lineitem yields millions of rows, and keeps a same-source
     * join out of the source to avoid moving them.
     */
    @Override
    public Statistic getStatistic() {
        Statistic result = statistic;
        if (result == null) {
            List<String> fields = getRowType(new JavaTypeFactoryImpl()).getFieldNames();
            List<String> key = primaryKey.get();
            List<ImmutableBitSet> keys = List.of();
            if (!key.isEmpty() && fields.containsAll(key)) {
                keys = List.of(ImmutableBitSet.of(key.stream().mapToInt(fields::indexOf).toArray()));
            }
            result = rowCount.isPresent()
                    ? Statistics.of(rowCount.getAsLong(), keys)
                    : Statistics.of(100d, keys);
            statistic = result;
        }
        return result;
    }

    @Override
    public <C> C unwrap(Class<C> aClass) {
        if (aClass.isInstance(this)) {
            return aClass.cast(this);
        }
        if (aClass == BuiltInMetadata.DistinctRowCount.Handler.class) {
            return aClass.cast(new SourceDistinctRowCount(this));
        }
        if (aClass == BuiltInMetadata.PopulationSize.Handler.class) {
            return aClass.cast(new SourceDistinctRowCount.Population(this));
        }
        if (aClass.isAssignableFrom(JdbcTable.class)) {
            return aClass.cast(jdbcTable());
        }
        return super.unwrap(aClass);
    }

    @Override
    public String toString() {
        return "SourceTable(" + source + "." + name + ")";
    }
}
