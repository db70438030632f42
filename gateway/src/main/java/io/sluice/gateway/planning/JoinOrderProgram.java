package io.sluice.gateway.planning;

import io.sluice.connectors.jdbc.DependentJoin;
import io.sluice.gateway.metering.MeteredInput;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.JoinPushThroughJoinRule;
import org.apache.calcite.rel.rules.MultiJoin;
import org.apache.calcite.rel.rules.LoptOptimizeJoinRule;
import org.apache.calcite.rel.rules.ProjectToWindowRule.ProjectToLogicalProjectAndWindowRule
        .ProjectToLogicalProjectAndWindowRuleConfig;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * The optimiser's programs after the policy rewrite:
 *
 * <ol>
 *   <li>trim fields nobody reads, so sources are asked only for the columns used;</li>
 *   <li>gather each tree of joins into one multi-join (filters pushed into it first, with what an
 *       OR across tables implies for each table alone: TPC-H Q19's three-way OR over lineitem and
 *       part lets each source filter its own rows before the join);</li>
 *   <li>cost-based search with Calcite's rules and each source's pushdown rules, where the
 *       multi-join is expanded by the bushy join orderer (tables of one source can meet first and
 *       go down as one fragment) or, for trees with outer joins, which the bushy orderer cannot
 *       take, by the left-deep one;</li>
 *   <li>fold projections and filters into calcs;</li>
 *   <li>read the inner side of each nested-loop join once ({@link ReplayedInput}).</li>
 * </ol>
 *
 * Exhaustive join commutation is left out: with eight tables it explodes. Merge joins are left
 * out too: two sources sort strings by different collations, and a merge join over inputs
 * sorted differently silently loses rows.
 *
 * <p>Two of Calcite's rules are narrowed. The bushy orderer refuses outer joins only when the
 * outer join's condition names another table; a {@code LEFT JOIN ... ON TRUE} (what a scalar
 * sub-query in a SELECT without FROM becomes) slipped through, was rebuilt as an inner join
 * and failed with "Type mismatch" on the nullable side; it now sees inner joins only. The rule
 * that splits a projection with window functions into a window and a projection matched any,
 * including one already converted to a source's convention, and left a logical window in that
 * convention that no source can run; it now splits logical projections only, so a window either
 * goes to the source inside the source's projection or runs in Sluice.
 */
final class JoinOrderProgram {
    private static final HepProgram GATHER_JOINS = new HepProgramBuilder()
            .addRuleInstance(PullFactorsRule.INSTANCE)
            .addRuleInstance(CoreRules.EXPAND_FILTER_DISJUNCTION_GLOBAL)
            .addRuleInstance(CoreRules.EXPAND_JOIN_DISJUNCTION_GLOBAL)
            .addRuleInstance(CoreRules.FILTER_INTO_JOIN)
            .addRuleInstance(SemiJoinBelowJoinRule.INSTANCE)
            .addRuleInstance(CoreRules.PROJECT_TO_SEMI_JOIN)
            .addRuleInstance(CoreRules.AGGREGATE_TO_SEMI_JOIN)
            .addRuleInstance(AggregateBelowOuterJoinRule.INSTANCE)
            .addMatchOrder(HepMatchOrder.BOTTOM_UP)
            .addRuleInstance(CoreRules.JOIN_TO_MULTI_JOIN)
            .build();

    private static final RelOptRule LEFT_DEEP_OTHER_JOINS = CoreRules.MULTI_JOIN_OPTIMIZE.config
            .withOperandSupplier(b -> b.operand(MultiJoin.class)
                    .predicate(j -> !CardinalityJoinOrderRule.applies(j)).anyInputs())
            .withDescription("SluiceLeftDeepOtherJoinsRule")
            .as(LoptOptimizeJoinRule.Config.class)
            .toRule();

    private static final RelOptRule LOGICAL_PROJECT_TO_WINDOW = CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW.config
            .withOperandSupplier(b -> b.operand(LogicalProject.class).predicate(Project::containsOver).anyInputs())
            .withDescription("SluiceLogicalProjectToWindowRule")
            .as(ProjectToLogicalProjectAndWindowRuleConfig.class)
            .toRule();

    private JoinOrderProgram() {}

    static Program create(RelOptPlanner planner) {
        List<RelOptRule> rules = new ArrayList<>(planner.getRules());
        rules.removeAll(List.of(CoreRules.JOIN_COMMUTE, CoreRules.JOIN_ASSOCIATE, JoinPushThroughJoinRule.LEFT,
                JoinPushThroughJoinRule.RIGHT, EnumerableRules.ENUMERABLE_MERGE_JOIN_RULE,
                CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW));
        rules.add(LOGICAL_PROJECT_TO_WINDOW);
        rules.add(CardinalityJoinOrderRule.INSTANCE);
        rules.add(LEFT_DEEP_OTHER_JOINS);
        return Programs.sequence(
                Programs.trim(),
                Programs.of(GATHER_JOINS, false, PlannerMetadata.PROVIDER),
                Programs.ofRules(rules),
                Programs.calc(PlannerMetadata.PROVIDER),
                (p, rel, traits, materializations, lattices) -> ReplayedInput.everyNestedLoopInner(rel),
                (p, rel, traits, materializations, lattices) -> DependentJoin.everyEligibleHashJoin(rel),
                (p, rel, traits, materializations, lattices) -> MeteredInput.chargeBufferedInputs(rel));
    }
}
