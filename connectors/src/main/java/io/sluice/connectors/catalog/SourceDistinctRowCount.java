package io.sluice.connectors.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalDouble;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How many distinct values a scan of a source table yields for some columns, from the source's
 * own statistics. Calcite asks each scanned table for this handler; without it a column that is
 * not a key has no estimate at all, and a join on it is priced with a fixed guess, so joining
 * 150,000 customers with 10,000 suppliers on a nation key (25 values: 60 million rows) looks as
 * cheap as joining them on a unique key.
 *
 * <p>Several columns together have at most the product of their distinct values and at most the
 * rows; a predicate keeps the expected share of the values its rows carry.
 */
final class SourceDistinctRowCount implements BuiltInMetadata.DistinctRowCount.Handler {
    private final SourceTable table;

    SourceDistinctRowCount(SourceTable table) {
        this.table = requireNonNull(table, "table is null");
    }

    /**
     * The distinct values of the columns in the whole table, whatever a statement filters: what
     * the textbook join estimate divides by (a key of a filtered table still matches at most one
     * row of the other side).
     */
    static final class Population implements BuiltInMetadata.PopulationSize.Handler {
        private final SourceDistinctRowCount values;

        Population(SourceTable table) {
            this.values = new SourceDistinctRowCount(table);
        }

        @Override
        public @Nullable Double getPopulationSize(RelNode scan, RelMetadataQuery mq, ImmutableBitSet columns) {
            return values.getDistinctRowCount(scan, mq, columns, null);
        }
    }

    @Override
    public @Nullable Double getDistinctRowCount(RelNode scan, RelMetadataQuery mq, ImmutableBitSet columns,
            @Nullable RexNode predicate) {
        Double rows = mq.getRowCount(scan);
        if (rows == null) {
            return null;
        }
        double distinct;
        if (columns.isEmpty()) {
            distinct = 1;
        } else if (table.getStatistic().isKey(columns)) {
            distinct = rows;
        } else {
            List<String> fields = scan.getRowType().getFieldNames();
            distinct = 1;
            for (int column : columns) {
                OptionalDouble values = table.distinctValues(fields.get(column));
                if (values.isEmpty()) {
                    return null;
                }
                distinct *= values.getAsDouble();
            }
            distinct = Math.min(distinct, rows);
        }
        if (predicate == null || predicate.isAlwaysTrue()) {
            return distinct;
        }
        Double selectivity = mq.getSelectivity(scan, predicate);
        return selectivity == null ? distinct : RelMdUtil.numDistinctVals(distinct, rows * selectivity);
    }
}
