package io.sluice.gateway.planning;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * Pulls conjuncts shared by every branch of an OR out in front of it:
 * {@code (p = l AND a) OR (p = l AND b)} becomes {@code p = l AND (a OR b)}. Without it a join
 * condition written inside each branch (TPC-H Q19) is not seen as an equi-join and the tables
 * meet in a nested loop; PostgreSQL's planner does the same factoring.
 */
final class PullFactorsRule extends RelOptRule {
    static final PullFactorsRule INSTANCE = new PullFactorsRule();

    @SuppressWarnings("deprecation")
    private PullFactorsRule() {
        super(operand(LogicalFilter.class, RelOptRule.any()), "SluicePullFactorsRule");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalFilter filter = call.rel(0);
        RexNode condition = filter.getCondition();
        RexNode factored = RexUtil.pullFactors(filter.getCluster().getRexBuilder(), condition);
        if (!factored.equals(condition)) {
            call.transformTo(filter.copy(filter.getTraitSet(), filter.getInput(), factored));
        }
    }

}
