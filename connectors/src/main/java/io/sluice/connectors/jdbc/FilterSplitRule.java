package io.sluice.connectors.jdbc;

import io.sluice.connectors.catalog.SourceTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * Splits a filter over one source's data into the conjuncts that source can evaluate and the
 * rest: {@code c_nationkey = 1 AND c_name ILIKE '%x%'} over MariaDB becomes
 * {@code Filter(ILIKE) over Filter(c_nationkey = 1)}, so the equality still reaches MariaDB's
 * SQL while ILIKE, which MariaDB lacks, runs in Sluice. Without it one unsupported conjunct
 * would keep the whole filter, and every row, out of the source.
 */
public final class FilterSplitRule extends RelRule<RuleConfig> {
    public static final FilterSplitRule INSTANCE = new FilterSplitRule(RuleConfig.of("SluiceFilterSplitRule",
            b -> b.operand(LogicalFilter.class).anyInputs(), c -> new FilterSplitRule((RuleConfig) c)));

    private FilterSplitRule(RuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalFilter filter = call.rel(0);
        Optional<PushdownCapabilities> capabilities = singleSource(filter.getInput());
        if (capabilities.isEmpty()) {
            return;
        }
        List<RexNode> pushable = new ArrayList<>();
        List<RexNode> kept = new ArrayList<>();
        for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
            (capabilities.get().canEvaluate(conjunct) ? pushable : kept).add(conjunct);
        }
        if (pushable.isEmpty() || kept.isEmpty()) {
            return;
        }
        var rexBuilder = filter.getCluster().getRexBuilder();
        RelNode inner = LogicalFilter.create(filter.getInput(), RexUtil.composeConjunction(rexBuilder, pushable));
        call.transformTo(LogicalFilter.create(inner, RexUtil.composeConjunction(rexBuilder, kept)));
    }

    /** The capabilities of the one source all tables under {@code node} belong to, if there is one. */
    static Optional<PushdownCapabilities> singleSource(RelNode node) {
        Set<String> sources = new HashSet<>();
        List<PushdownCapabilities> found = new ArrayList<>();
        collect(node, sources, found, 0);
        return sources.size() == 1 && !found.isEmpty() ? Optional.of(found.getFirst()) : Optional.empty();
    }

    private static void collect(RelNode node, Set<String> sources, List<PushdownCapabilities> found, int depth) {
        if (depth > 64) {
            sources.add("?deep");
            return;
        }
        RelNode actual = node instanceof RelSubset subset ? subset.getOriginal() : node;
        if (actual == null) {
            sources.add("?unknown");
            return;
        }
        if (actual instanceof TableScan scan) {
            SourceTable table = scan.getTable().unwrap(SourceTable.class);
            if (table == null) {
                sources.add("?other");
            } else {
                sources.add(table.source());
                found.add(table.capabilities());
            }
            return;
        }
        for (RelNode input : actual.getInputs()) {
            collect(input, sources, found, depth + 1);
        }
    }
}
