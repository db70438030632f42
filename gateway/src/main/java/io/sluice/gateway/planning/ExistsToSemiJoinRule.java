package io.sluice.gateway.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.RelBuilder;

/**
 * Turns {@code [NOT] EXISTS (SELECT ... FROM t WHERE <conditions on t and the outer row>)} in a
 * filter into a semi-join (anti-join) with {@code t}, the conditions on the outer row becoming
 * the join condition. Calcite's decorrelator handles a correlation that is not a plain equality
 * (TPC-H Q21: {@code l2.l_suppkey <> l1.l_suppkey}) by joining {@code t} with a de-duplicated
 * copy of the whole outer query; as a semi-join the sub-query stays one join, which a source can
 * run as {@code EXISTS} and {@link SemiJoinBelowJoinRule} moves next to the table it tests.
 *
 * <p>Only sub-queries of the shape {@code [Project] Filter(input)} with an uncorrelated input
 * and a correlated condition that is not an equality are rewritten; anything else is left to
 * Calcite.
 */
final class ExistsToSemiJoinRule extends RelOptRule {
    static final ExistsToSemiJoinRule INSTANCE = new ExistsToSemiJoinRule();

    @SuppressWarnings("deprecation")
    private ExistsToSemiJoinRule() {
        super(operand(LogicalFilter.class, RelOptRule.any()), "SluiceExistsToSemiJoinRule");
    }

    /** One sub-query as a join: the table side and the condition over (outer row, table row). */
    private record SemiJoin(JoinRelType type, RelNode right, RexNode condition) {}

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalFilter filter = call.rel(0);
        RelNode input = filter.getInput();
        RelBuilder builder = call.builder().push(input);
        List<RexNode> kept = new ArrayList<>();
        boolean rewritten = false;
        for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
            Optional<SemiJoin> semiJoin = asSemiJoin(conjunct, filter.getVariablesSet(), input.getRowType(),
                    builder.getRexBuilder());
            if (semiJoin.isPresent()) {
                builder.push(semiJoin.get().right()).join(semiJoin.get().type(), semiJoin.get().condition());
                rewritten = true;
            } else {
                kept.add(conjunct);
            }
        }
        if (!rewritten) {
            return;
        }
        // A semi-join keeps its left input's fields, so the other conditions read the same fields.
        Set<CorrelationId> stillUsed = kept.stream().anyMatch(RexUtil::containsCorrelation)
                ? filter.getVariablesSet() : Set.of();
        builder.filter(stillUsed, kept);
        call.transformTo(builder.build());
    }

    private static Optional<SemiJoin> asSemiJoin(RexNode conjunct, Set<CorrelationId> correlations, RelDataType outer,
            RexBuilder rexBuilder) {
        JoinRelType type = JoinRelType.SEMI;
        RexNode exists = conjunct;
        if (conjunct.getKind() == SqlKind.NOT && conjunct instanceof org.apache.calcite.rex.RexCall not) {
            type = JoinRelType.ANTI;
            exists = not.getOperands().getFirst();
        }
        if (exists.getKind() != SqlKind.EXISTS || !(exists instanceof RexSubQuery subQuery)) {
            return Optional.empty();
        }
        RelNode rel = subQuery.rel;
        while (rel instanceof LogicalProject project && project.getProjects().stream().noneMatch(RexUtil::containsCorrelation)) {
            rel = project.getInput();
        }
        if (!(rel instanceof LogicalFilter inner) || !RelOptUtil.getVariablesUsed(inner.getInput()).isEmpty()) {
            return Optional.empty();
        }
        List<RexNode> correlated = new ArrayList<>();
        List<RexNode> local = new ArrayList<>();
        for (RexNode condition : RelOptUtil.conjunctions(inner.getCondition())) {
            if (RexUtil.SubQueryFinder.find(condition) != null) {
                return Optional.empty();
            }
            (RexUtil.containsCorrelation(condition) ? correlated : local).add(condition);
        }
        if (correlated.stream().allMatch(condition -> condition.getKind() == SqlKind.EQUALS)) {
            // Correlated by equalities only, Calcite's decorrelation groups the sub-query by its
            // keys and joins on them, which a source can aggregate: better across sources than a
            // semi-join that reads the sub-query's table whole (TPC-H Q22: 1.9 s against 0.4 s).
            return Optional.empty();
        }
        List<RexNode> joinConditions = new ArrayList<>();
        for (RexNode condition : correlated) {
            OuterRowReferences references = new OuterRowReferences(correlations, outer, rexBuilder);
            RexNode rewritten = condition.accept(references);
            if (!references.ok) {
                return Optional.empty();
            }
            joinConditions.add(rewritten);
        }
        RelNode right = local.isEmpty() ? inner.getInput()
                : inner.copy(inner.getTraitSet(), inner.getInput(), RexUtil.composeConjunction(rexBuilder, local));
        return Optional.of(new SemiJoin(type, right, RexUtil.composeConjunction(rexBuilder, joinConditions)));
    }

    /**
     * Rewrites a condition of the sub-query for a join of (outer row, sub-query row): references
     * to the outer row through the correlation variable become its fields, the sub-query's own
     * fields move behind them. Fails on a correlation it does not understand.
     */
    private static final class OuterRowReferences extends RexShuttle {
        private final Set<CorrelationId> correlations;
        private final RelDataType outer;
        private final int outerFields;
        private final RexBuilder rexBuilder;
        boolean ok = true;

        OuterRowReferences(Set<CorrelationId> correlations, RelDataType outer, RexBuilder rexBuilder) {
            this.correlations = correlations;
            this.outer = outer;
            this.outerFields = outer.getFieldCount();
            this.rexBuilder = rexBuilder;
        }

        @Override
        public RexNode visitInputRef(RexInputRef ref) {
            return new RexInputRef(ref.getIndex() + outerFields, ref.getType());
        }

        @Override
        public RexNode visitFieldAccess(RexFieldAccess access) {
            if (access.getReferenceExpr() instanceof RexCorrelVariable variable
                    && correlations.contains(variable.id) && variable.getType().getFieldCount() == outerFields) {
                int index = access.getField().getIndex();
                return rexBuilder.makeInputRef(outer.getFieldList().get(index).getType(), index);
            }
            ok = false;
            return access;
        }

        @Override
        public RexNode visitCorrelVariable(RexCorrelVariable variable) {
            ok = false;
            return variable;
        }
    }
}
