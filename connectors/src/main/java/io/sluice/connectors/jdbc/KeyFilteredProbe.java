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
 * The probe side of a Calcite hash join, a source fragment, filtered at its source by the keys
 * of the join's {@link SharedBuild}: the dependent join for joins whose conditions go beyond
 * keys in a way only Calcite's join evaluates (a semi-join with a residual condition, as in
 * TPC-H Q19 and Q21). The join itself, and every condition, stay Calcite's.
 */
public final class KeyFilteredProbe extends SingleRel implements EnumerableRel {
    private final String build;
    private final int buildKey;
    private final int probeKey;
    private final int ordinal;

    /** {@code ordinal}: which of its statement's dependent joins this is, so its placeholders are its own. */
    KeyFilteredProbe(SourceToEnumerableConverter fragment, String build, int buildKey, int probeKey, int ordinal) {
        super(fragment.getCluster(), fragment.getTraitSet(), fragment);
        this.build = build;
        this.buildKey = buildKey;
        this.probeKey = probeKey;
        this.ordinal = ordinal;
    }

    private SourceToEnumerableConverter fragment() {
        return (SourceToEnumerableConverter) getInput();
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new KeyFilteredProbe((SourceToEnumerableConverter) sole(inputs), build, buildKey, probeKey,
                ordinal);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("keysOf", build)
                .item("probeKey", fragment().getInput().getRowType().getFieldNames().get(probeKey));
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        BlockBuilder builder = new BlockBuilder();
        Expression unfiltered = DependentJoin.rows(builder, "probe",
                implementor.visitChild(this, 0, fragment(), pref));
        DependentJoinRun.KeyFilter filter = DependentJoin.keyFilter(fragment(), probeKey, ordinal);
        List<Expression> filtered = DependentJoin.filteredForms(implementor, builder, fragment(), probeKey, filter,
                pref);
        builder.add(Expressions.return_(null, Expressions.call(DependentJoinRun.class, "keyFiltered",
                DataContext.ROOT, Expressions.constant(build), Expressions.constant(buildKey),
                implementor.stash(filter, DependentJoinRun.KeyFilter.class), unfiltered, filtered.get(0),
                filtered.get(1))));
        return implementor.result(PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY),
                builder.toBlock());
    }
}
