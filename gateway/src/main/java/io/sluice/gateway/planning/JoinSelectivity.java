package io.sluice.gateway.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.MetadataDef;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The share of a join's row pairs its condition keeps, from the distinct values of the joined
 * columns: equalities between the two sides keep one pair in max(distinct values left, distinct
 * values right), the textbook estimate (distinct values of the whole tables, see
 * {@link #keyValues}); the rest keep Calcite's guess. Calcite prices every
 * equality at 15% of the cross product, which makes joining orders to lineitem look like a
 * billion-row join and a selective join look no better than a many-to-many one, and so decides
 * both where joins run and which side of a cross-source join is worth sending keys to.
 *
 * <p>Semi-joins keep Calcite's own estimate.
 *
 * <p>Public only because Calcite compiles code that calls it.
 */
public final class JoinSelectivity implements MetadataHandler<BuiltInMetadata.Selectivity> {
    static final RelMetadataProvider SOURCE = ReflectiveRelMetadataProvider.reflectiveSource(new JoinSelectivity(),
            BuiltInMetadata.Selectivity.Handler.class);

    private JoinSelectivity() {}

    @Override
    public MetadataDef<BuiltInMetadata.Selectivity> getDef() {
        return BuiltInMetadata.Selectivity.DEF;
    }

    public @Nullable Double getSelectivity(Join join, RelMetadataQuery mq, @Nullable RexNode predicate) {
        RexBuilder rexBuilder = join.getCluster().getRexBuilder();
        if (join.isSemiJoin()) {
            RexNode semiJoin = RelMdUtil.makeSemiJoinSelectivityRexNode(mq, join);
            return mq.getSelectivity(join.getLeft(), predicate == null ? semiJoin
                    : rexBuilder.makeCall(SqlStdOperatorTable.AND, semiJoin, predicate));
        }
        if (predicate == null) {
            return 1d;
        }
        int leftFields = join.getLeft().getRowType().getFieldCount();
        ImmutableBitSet.Builder leftKeys = ImmutableBitSet.builder();
        ImmutableBitSet.Builder rightKeys = ImmutableBitSet.builder();
        List<RexNode> equalities = new ArrayList<>();
        List<RexNode> others = new ArrayList<>();
        for (RexNode conjunct : RelOptUtil.conjunctions(predicate)) {
            if (!addKeys(conjunct, leftFields, leftKeys, rightKeys)) {
                others.add(conjunct);
            } else {
                equalities.add(conjunct);
            }
        }
        double selectivity = RelMdUtil.guessSelectivity(RexUtil.composeConjunction(rexBuilder, others));
        if (equalities.isEmpty()) {
            return selectivity;
        }
        Double left = keyValues(mq, join.getLeft(), leftKeys.build());
        Double right = keyValues(mq, join.getRight(), rightKeys.build());
        if (left == null && right == null) {
            return selectivity * RelMdUtil.guessSelectivity(RexUtil.composeConjunction(rexBuilder, equalities));
        }
        double values = Math.max(left == null ? 1d : left, right == null ? 1d : right);
        return selectivity / Math.max(1d, values);
    }

    /**
     * The distinct values a join key can take on one side: of the whole table where the source
     * says (so a filtered table's primary key still counts all its values, and a foreign key
     * matches at most one row), else of the side's rows.
     */
    static @Nullable Double keyValues(RelMetadataQuery mq, RelNode side, ImmutableBitSet columns) {
        Double population = mq.getPopulationSize(side, columns);
        return population != null ? population : mq.getDistinctRowCount(side, columns, null);
    }

    /** Adds the columns of an equality between a left and a right column; false if it is not one. */
    private static boolean addKeys(RexNode conjunct, int leftFields, ImmutableBitSet.Builder leftKeys,
            ImmutableBitSet.Builder rightKeys) {
        Optional<ColumnEquality> equality = ColumnEquality.of(conjunct);
        if (equality.isEmpty() || equality.get().lower() >= leftFields || equality.get().higher() < leftFields) {
            return false;
        }
        leftKeys.set(equality.get().lower());
        rightKeys.set(equality.get().higher() - leftFields);
        return true;
    }
}
