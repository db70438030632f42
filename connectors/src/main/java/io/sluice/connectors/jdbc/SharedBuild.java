package io.sluice.connectors.jdbc;

import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;

/**
 * The build side of a Calcite hash join whose probe side is a {@link KeyFilteredProbe}: its rows
 * are read once and shared with the probe, which sends their keys to its source.
 */
public final class SharedBuild extends SingleRel implements EnumerableRel {
    private final String name;

    SharedBuild(RelNode input, String name) {
        super(input.getCluster(), input.getTraitSet(), input);
        this.name = name;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new SharedBuild(sole(inputs), name);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("shared", name);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        BlockBuilder builder = new BlockBuilder();
        Expression rows = DependentJoin.rows(builder, "build",
                implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref));
        builder.add(Expressions.return_(null, Expressions.call(DependentJoinRun.class, "shared", DataContext.ROOT,
                Expressions.constant(name), rows)));
        return implementor.result(PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY),
                builder.toBlock());
    }
}
