package io.sluice.gateway.planning;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Moves a semi- or anti-join below an inner join, to the input whose fields its condition
 * reads: {@code (A ⋈ B) ⋉ R} becomes {@code (A ⋉ R) ⋈ B} when the condition reads only A (and
 * R). Whether a row of the join survives then depends on its A part alone, so testing A first
 * gives the same rows; and A ⋉ R over tables of one source is one fragment (an {@code EXISTS}
 * or {@code NOT EXISTS} the source runs) before the join orderer sees it. Calcite's own rule
 * handles semi-joins only.
 */
final class SemiJoinBelowJoinRule extends RelOptRule {
    static final SemiJoinBelowJoinRule INSTANCE = new SemiJoinBelowJoinRule();

    @SuppressWarnings("deprecation")
    private SemiJoinBelowJoinRule() {
        super(operand(LogicalJoin.class, operand(LogicalJoin.class, RelOptRule.any()), operand(RelNode.class,
                RelOptRule.any())), "SluiceSemiJoinBelowJoinRule");
    }

    @Override
    public boolean matches(RelOptRuleCall call) {
        Join semi = call.rel(0);
        Join inner = call.rel(1);
        return (semi.getJoinType() == JoinRelType.SEMI || semi.getJoinType() == JoinRelType.ANTI)
                && inner.getJoinType() == JoinRelType.INNER;
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Join semi = call.rel(0);
        Join inner = call.rel(1);
        RelNode tested = call.rel(2);
        int leftFields = inner.getLeft().getRowType().getFieldCount();
        int innerFields = inner.getRowType().getFieldCount();
        ImmutableBitSet read = ImmutableBitSet.range(0, innerFields)
                .intersect(org.apache.calcite.plan.RelOptUtil.InputFinder.bits(semi.getCondition()));
        if (read.isEmpty()) {
            return;
        }
        RelNode left = inner.getLeft();
        RelNode right = inner.getRight();
        if (read.nth(read.cardinality() - 1) < leftFields) {
            // The tested fields keep their places; R's move down by B's width.
            RexNode condition = shift(semi.getCondition(), innerFields, 0, leftFields - innerFields);
            left = semi.copy(semi.getTraitSet(), condition, left, tested, semi.getJoinType(), semi.isSemiJoinDone());
        } else if (read.nth(0) >= leftFields) {
            RexNode condition = shift(semi.getCondition(), innerFields, -leftFields, -leftFields);
            right = semi.copy(semi.getTraitSet(), condition, right, tested, semi.getJoinType(),
                    semi.isSemiJoinDone());
        } else {
            return;
        }
        call.transformTo(inner.copy(inner.getTraitSet(), inner.getCondition(), left, right, inner.getJoinType(),
                inner.isSemiJoinDone()));
    }

    /** Moves references below {@code boundary} by {@code below} and the others by {@code above}. */
    private static RexNode shift(RexNode condition, int boundary, int below, int above) {
        return condition.accept(new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                int index = ref.getIndex();
                return new RexInputRef(index + (index < boundary ? below : above), ref.getType());
            }
        });
    }
}
