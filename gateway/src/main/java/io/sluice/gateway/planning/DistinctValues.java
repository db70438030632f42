package io.sluice.gateway.planning;

import io.sluice.gateway.metering.MeteredInput;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.Converter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.CyclicMetadataException;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMdDistinctRowCount;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's distinct-value estimates with three gaps closed, each of which hid the sources'
 * statistics from the planner:
 *
 * <ul>
 *   <li>a set of equivalent plans the optimiser has not costed yet answers for its first plan
 *       (Calcite answers only for unique keys there, and that is what the join orderer sees);</li>
 *   <li>operators that pass their input's rows through unchanged (a fragment's converter,
 *       metering) answer for their input;</li>
 *   <li>a computed boolean column has at most two values (three with null). Calcite gives any
 *       computed column a tenth of the rows, so grouping lineitem by part and
 *       {@code l_quantity > 45} (what decorrelating an EXISTS with an OR produces) looked like it
 *       kept every row, and the grouping was not sent to the source.</li>
 * </ul>
 *
 * <p>Public only because Calcite compiles code that calls it.
 */
public final class DistinctValues extends RelMdDistinctRowCount {
    static final RelMetadataProvider SOURCE = ReflectiveRelMetadataProvider.reflectiveSource(
            new DistinctValues(), BuiltInMetadata.DistinctRowCount.Handler.class);

    private DistinctValues() {}

    @Override
    public @Nullable Double getDistinctRowCount(RelSubset subset, RelMetadataQuery mq, ImmutableBitSet groupKey,
            @Nullable RexNode predicate) {
        RelNode plan = subset.getBest() != null ? subset.getBest() : subset.getOriginal();
        if (plan == null) {
            return null;
        }
        try {
            return mq.getDistinctRowCount(plan, groupKey, predicate);
        } catch (CyclicMetadataException e) {
            return null;
        }
    }

    public @Nullable Double getDistinctRowCount(Converter converter, RelMetadataQuery mq, ImmutableBitSet groupKey,
            @Nullable RexNode predicate) {
        return mq.getDistinctRowCount(converter.getInput(), groupKey, predicate);
    }

    public @Nullable Double getDistinctRowCount(MeteredInput metered, RelMetadataQuery mq, ImmutableBitSet groupKey,
            @Nullable RexNode predicate) {
        return mq.getDistinctRowCount(metered.getInput(), groupKey, predicate);
    }

    @Override
    public @Nullable Double getDistinctRowCount(Project project, RelMetadataQuery mq, ImmutableBitSet groupKey,
            @Nullable RexNode predicate) {
        ImmutableBitSet.Builder computedBooleans = ImmutableBitSet.builder();
        double booleanValues = 1;
        for (int column : groupKey) {
            RexNode expression = project.getProjects().get(column);
            if (!(expression instanceof RexInputRef) && expression.getType().getSqlTypeName() == SqlTypeName.BOOLEAN) {
                computedBooleans.set(column);
                booleanValues *= expression.getType().isNullable() ? 3 : 2;
            }
        }
        ImmutableBitSet booleans = computedBooleans.build();
        if (booleans.isEmpty()) {
            return super.getDistinctRowCount(project, mq, groupKey, predicate);
        }
        ImmutableBitSet rest = groupKey.except(booleans);
        Double others = rest.isEmpty() ? Double.valueOf(1d) : super.getDistinctRowCount(project, mq, rest, predicate);
        if (others == null) {
            return null;
        }
        Double rows = mq.getRowCount(project);
        return rows == null ? others * booleanValues : Math.min(others * booleanValues, rows);
    }
}
