package io.sluice.gateway.planning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.Strong;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Aggregates the inner side of a left outer join before the join, when every aggregate reads
 * that side only:
 * <pre>
 *   γ[G; COUNT(r.x), SUM(r.y)] (L ⟕ R)   ─▶   γ[G; SUM0(n), SUM(s)] (L ⟕ γ[keys; COUNT(x) n, SUM(y) s] R)
 * </pre>
 * Each row of L meets, instead of its matching rows of R, one row that already sums them up, so
 * a source holding R returns one row per join key rather than every row ("orders per customer"
 * across two databases: TPC-H Q13 moved 1.5 million orders to count them; now about 100,000
 * counts). Calcite's own rule takes inner joins only. The outer join's extra rows (an L row
 * without a match, joined with nulls) are why each function is rewritten as it is: such a row
 * adds nothing to COUNT(x), SUM, MIN and MAX, and one to COUNT(*), so COUNT(x) becomes SUM0 of
 * the counts and COUNT(*) the sum of each count or 1. An argument computed from R must therefore
 * be null on those rows ({@link Strong}), as a plain column is.
 *
 * <p>Applied where it shrinks R: at least {@link #MIN_ROWS_PER_KEY} rows per join key by the
 * sources' statistics, and never where the keys are already unique (which also keeps the rule
 * from firing again on its own result). Conditions of the join on R alone filter R first. Not
 * applied to a join within one source (it goes there whole), nor on string keys or to MIN and
 * MAX of strings, which a source compares by its collation and Sluice by code point.
 */
final class AggregateBelowOuterJoinRule extends RelOptRule {
    static final AggregateBelowOuterJoinRule INSTANCE = new AggregateBelowOuterJoinRule();

    private static final double MIN_ROWS_PER_KEY = 2;

    @SuppressWarnings("deprecation")
    private AggregateBelowOuterJoinRule() {
        super(operand(LogicalAggregate.class, any()), "SluiceAggregateBelowOuterJoinRule");
    }

    /** The aggregate's input seen as expressions over a left join's fields (a projection between is read through). */
    private record Over(Join join, List<RexNode> fields) {}

    @Override
    public void onMatch(RelOptRuleCall call) {
        Aggregate aggregate = call.rel(0);
        Optional<Over> over = over(aggregate.getInput());
        if (aggregate.getGroupType() != Aggregate.Group.SIMPLE || over.isEmpty()) {
            return;
        }
        Join join = over.get().join();
        List<RexNode> fields = over.get().fields();
        int leftCount = join.getLeft().getRowType().getFieldCount();
        ImmutableBitSet rightFields = ImmutableBitSet.range(leftCount, join.getRowType().getFieldCount());
        JoinInfo info = join.analyzeCondition();
        boolean onRightOnly = info.nonEquiConditions.stream()
                .allMatch(c -> rightFields.contains(RelOptUtil.InputFinder.bits(c)));
        // IS NOT DISTINCT FROM (a false flag) would have to match the summed side's NULL group.
        if (aggregate.getAggCallList().isEmpty() || info.leftKeys.isEmpty()
                || info.nullExclusionFlags.contains(false) || !onRightOnly || !join.getVariablesSet().isEmpty()
                || !info.rightKeys.stream().allMatch(k -> comparedExactly(join.getRight(), k))
                || oneSource(join)) {
            return;
        }
        List<Integer> groupFields = new ArrayList<>();
        for (int g : aggregate.getGroupSet()) {
            if (!(fields.get(g) instanceof RexInputRef ref) || ref.getIndex() >= leftCount) {
                return;
            }
            groupFields.add(ref.getIndex());
        }
        for (AggregateCall c : aggregate.getAggCallList()) {
            if (!decomposable(c, fields)
                    || !c.getArgList().stream().allMatch(a -> readsRightOnly(fields.get(a), rightFields))) {
                return;
            }
        }
        if (!shrinks(call.getMetadataQuery(), join.getRight(), ImmutableBitSet.of(info.rightKeys))) {
            return;
        }
        call.transformTo(rewrite(call.builder(), aggregate, join, fields, groupFields, info));
    }

    private static Optional<Over> over(RelNode aggregated) {
        // Stripped: in a HepPlanner inputs are wrapped in vertices.
        RelNode input = aggregated.stripped();
        if (input instanceof LogicalJoin join && join.getJoinType() == JoinRelType.LEFT) {
            return Optional.of(new Over(join, join.getCluster().getRexBuilder().identityProjects(join.getRowType())));
        }
        if (input instanceof LogicalProject project && project.getInput().stripped() instanceof LogicalJoin join
                && join.getJoinType() == JoinRelType.LEFT
                && project.getProjects().stream()
                        .allMatch(e -> RexUtil.isDeterministic(e) && !RexUtil.containsCorrelation(e))) {
            return Optional.of(new Over(join, project.getProjects()));
        }
        return Optional.empty();
    }

    private static boolean decomposable(AggregateCall c, List<RexNode> fields) {
        if (c.isDistinct() || c.distinctKeys != null || !c.rexList.isEmpty() || c.isApproximate() || c.filterArg >= 0
                || !c.collation.getFieldCollations().isEmpty()) {
            return false;
        }
        return switch (c.getAggregation().getKind()) {
            case COUNT, SUM, SUM0 -> true;
            // The source would pick the least string by its collation, Sluice the least of those by its own.
            case MIN, MAX -> c.getArgList().stream().noneMatch(a -> SqlTypeUtil.inCharFamily(fields.get(a).getType()));
            default -> false;
        };
    }

    /**
     * A key the source groups exactly as Sluice then joins it. Strings are not: a collation may
     * hold 'a' and 'A ' equal (case-insensitive, or padded as MariaDB's are), so one group
     * would stand for several keys of which Sluice's join matches one.
     */
    private static boolean comparedExactly(RelNode side, int key) {
        RelDataType type = side.getRowType().getFieldList().get(key).getType();
        return SqlTypeUtil.isExactNumeric(type) || type.getSqlTypeName() == SqlTypeName.DATE
                || type.getSqlTypeName() == SqlTypeName.BOOLEAN;
    }

    /** Both sides read tables of one source: the join goes to it whole, and its own planner decides. */
    private static boolean oneSource(Join join) {
        Set<Convention> left = conventions(join.getLeft());
        return left.size() == 1 && left.equals(conventions(join.getRight()));
    }

    private static Set<Convention> conventions(RelNode node) {
        RelNode rel = node.stripped();
        if (rel instanceof TableScan scan) {
            return Set.of(scan.getConvention() == null ? Convention.NONE : scan.getConvention());
        }
        Set<Convention> found = new HashSet<>();
        rel.getInputs().forEach(input -> found.addAll(conventions(input)));
        return found;
    }

    /** Reads the inner side only, and is null on a row the outer join padded with nulls. */
    private static boolean readsRightOnly(RexNode argument, ImmutableBitSet rightFields) {
        ImmutableBitSet read = RelOptUtil.InputFinder.bits(argument);
        return !read.isEmpty() && rightFields.contains(read) && Strong.isNull(argument, rightFields);
    }

    private static boolean shrinks(RelMetadataQuery mq, RelNode right, ImmutableBitSet keys) {
        if (Boolean.TRUE.equals(mq.areColumnsUnique(right, keys))) {
            return false;
        }
        Double rows = mq.getRowCount(right);
        Double distinct = mq.getDistinctRowCount(right, keys, null);
        return rows != null && distinct != null && distinct * MIN_ROWS_PER_KEY <= rows;
    }

    private static RelNode rewrite(RelBuilder b, Aggregate aggregate, Join join, List<RexNode> fields,
            List<Integer> groupFields, JoinInfo info) {
        int leftCount = join.getLeft().getRowType().getFieldCount();
        List<AggregateCall> calls = aggregate.getAggCallList();

        // The inner side, filtered by the join's conditions on it and summed up per join key.
        b.push(join.getRight());
        if (!info.nonEquiConditions.isEmpty()) {
            b.filter(info.nonEquiConditions.stream().map(c -> RexUtil.shift(c, -leftCount)).toList());
        }
        // An aggregate's fields are its group keys, ascending, then its calls in order.
        List<Integer> keys = ImmutableBitSet.of(info.rightKeys).asList();
        List<RelBuilder.AggCall> partial = new ArrayList<>();
        for (AggregateCall c : calls) {
            List<RexNode> args = c.getArgList().stream().map(a -> RexUtil.shift(fields.get(a), -leftCount)).toList();
            partial.add(b.aggregateCall(c.getAggregation(), args));
        }
        b.aggregate(b.groupKey(keys.stream().map(b::field).toList()), partial);
        RelNode summed = b.build();

        b.push(join.getLeft()).push(summed);
        List<RexNode> on = new ArrayList<>();
        for (int i = 0; i < info.leftKeys.size(); i++) {
            on.add(b.equals(b.field(2, 0, info.leftKeys.get(i)), b.field(2, 1, keys.indexOf(info.rightKeys.get(i)))));
        }
        b.join(JoinRelType.LEFT, on);

        // Each function over its partial results; a row without a match holds nulls there.
        int firstPartial = leftCount + keys.size();
        List<RelBuilder.AggCall> total = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            AggregateCall c = calls.get(i);
            RexNode part = b.field(firstPartial + i);
            total.add((switch (c.getAggregation().getKind()) {
                case COUNT -> b.aggregateCall(SqlStdOperatorTable.SUM0, c.getArgList().isEmpty()
                        ? b.call(SqlStdOperatorTable.COALESCE, part, b.literal(1))
                        : part);
                default -> b.aggregateCall(c.getAggregation(), part);
            }).as(c.getName()));
        }
        List<Integer> distinctGroup = ImmutableBitSet.of(groupFields).asList();
        b.aggregate(b.groupKey(distinctGroup.stream().map(b::field).toList()), total);

        // The original's columns in its order (a projection between may have reordered the group).
        List<RexNode> columns = new ArrayList<>();
        groupFields.forEach(f -> columns.add(b.field(distinctGroup.indexOf(f))));
        for (int i = 0; i < calls.size(); i++) {
            columns.add(b.field(distinctGroup.size() + i));
        }
        b.project(columns);
        return b.convert(aggregate.getRowType(), true).build();
    }
}
