package io.sluice.connectors.jdbc;

import java.util.List;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverterRule;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * The boundary where rows leave a source and enter Sluice. Calcite prices this step at a tenth
 * of an operator, as if moving rows were free; in a federation it is the dominant cost (network,
 * driver decoding, then Sluice's own processing of every row). Pricing it per row and per column
 * makes the planner prefer plans that filter, project and aggregate at the source even when the
 * rest of its estimates are rough.
 */
public final class SourceToEnumerableConverter extends JdbcToEnumerableConverter {
    /** Each row crossing the boundary costs this many rows of in-memory processing. */
    static final double ROW_TRANSFER_FACTOR = 4.0;
    /** Plus this much per column, so narrower fragments win. */
    static final double COLUMN_TRANSFER_FACTOR = 0.1;

    SourceToEnumerableConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
        super(cluster, traits, input);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new SourceToEnumerableConverter(getCluster(), traitSet, sole(inputs));
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        double rows = Math.min(mq.getRowCount(getInput()), largestTable(getInput(), mq));
        double factor = ROW_TRANSFER_FACTOR + COLUMN_TRANSFER_FACTOR * getRowType().getFieldCount();
        return planner.getCostFactory().makeCost(rows * factor, rows * factor, rows);
    }

    /**
     * A bound on what a fragment returns: the rows of its largest table. Calcite guesses a join's
     * output as a product of its inputs times a constant selectivity, which for a key join inside
     * one source is wildly high and would make pushing the join look worse than moving both
     * tables; a source joining on keys returns about as many rows as its larger table.
     */
    private static double largestTable(RelNode node, RelMetadataQuery mq) {
        RelNode actual = node instanceof RelSubset subset && subset.getOriginal() != null ? subset.getOriginal() : node;
        if (actual instanceof TableScan scan) {
            return mq.getRowCount(scan);
        }
        if (actual.getInputs().isEmpty()) {
            return mq.getRowCount(actual);
        }
        double largest = 0;
        for (RelNode input : actual.getInputs()) {
            largest = Math.max(largest, largestTable(input, mq));
        }
        return largest;
    }

    /** Creates these converters instead of Calcite's. */
    static final class Rule extends JdbcToEnumerableConverterRule {
        Rule(Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            return new SourceToEnumerableConverter(rel.getCluster(), rel.getTraitSet().replace(getOutTrait()), rel);
        }
    }
}
