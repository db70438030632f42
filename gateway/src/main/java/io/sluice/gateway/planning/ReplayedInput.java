package io.sluice.gateway.planning;

import io.sluice.gateway.metering.HoldsInput;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableNestedLoopJoin;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.core.Values;

/**
 * The inner side of a nested-loop join, read once per execution and replayed from memory.
 * Calcite's nested-loop join enumerates its inner input again for every outer row, and when
 * that input is a source fragment each enumeration is a new query: {@code x > all (select ...)}
 * over 2,000 rows sent the same sub-query to MariaDB 2,000 times. The inner side of a nested
 * loop is the one the planner expects to be small (a hash join would have been chosen
 * otherwise), so holding it in memory costs what Calcite's own list-based joins already do.
 * Only inner sides that read nothing but source fragments and literal rows are replayed: one
 * that reads a recursive query's working table must see that table anew in every iteration.
 */
public final class ReplayedInput extends SingleRel implements EnumerableRel, HoldsInput {
    private ReplayedInput(RelNode input) {
        super(input.getCluster(), input.getTraitSet(), input);
    }

    @Override
    public String heldAs() {
        return "the inner side of a nested-loop join";
    }

    /** The plan with the inner input of every nested-loop join replayed. */
    static RelNode everyNestedLoopInner(RelNode plan) {
        return plan.accept(new RelShuttleImpl() {
            @Override
            public RelNode visit(RelNode other) {
                RelNode visited = super.visit(other);
                if (visited instanceof EnumerableNestedLoopJoin join && readsFragmentsOnly(join.getRight())
                        && !(join.getRight() instanceof ReplayedInput)) {
                    return join.copy(join.getTraitSet(), List.of(join.getLeft(), new ReplayedInput(join.getRight())));
                }
                return visited;
            }
        });
    }

    /** Whether a plan reads at least one source fragment, and nothing else but literal rows. */
    private static boolean readsFragmentsOnly(RelNode plan) {
        List<RelNode> leaves = new ArrayList<>();
        collectLeaves(plan, leaves);
        return leaves.stream().anyMatch(JdbcToEnumerableConverter.class::isInstance)
                && leaves.stream().allMatch(l -> l instanceof JdbcToEnumerableConverter || l instanceof Values);
    }

    private static void collectLeaves(RelNode node, List<RelNode> leaves) {
        if (node instanceof JdbcToEnumerableConverter || node.getInputs().isEmpty()) {
            leaves.add(node);
            return;
        }
        for (RelNode input : node.getInputs()) {
            collectLeaves(input, leaves);
        }
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new ReplayedInput(sole(inputs));
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        BlockBuilder builder = new BlockBuilder();
        Result child = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), child.format);
        Expression rows = builder.append("child", child.block);
        builder.add(Expressions.return_(null, Expressions.call(ReplayedInput.class, "replay", DataContext.ROOT, rows)));
        return implementor.result(physType, builder.toBlock());
    }

    /**
     * Called by the generated code: reads {@code source} on the first enumeration only. Each
     * replay (one per outer row) first checks the statement's cancel flag: a nested loop over rows
     * already in memory reads no source, so nothing else would notice a cancel or a timeout, and
     * such a join can run for hours.
     */
    public static <T> Enumerable<T> replay(DataContext root, Enumerable<T> source) {
        AtomicBoolean cancelled = root.get(DataContext.Variable.CANCEL_FLAG.camelName) instanceof AtomicBoolean flag
                ? flag : new AtomicBoolean();
        return new AbstractEnumerable<>() {
            private List<T> rows;

            @Override
            public Enumerator<T> enumerator() {
                if (cancelled.get()) {
                    throw new CancellationException("the statement was cancelled during a nested-loop join");
                }
                if (rows == null) {
                    rows = source.toList();
                }
                return Linq4j.enumerator(rows);
            }
        };
    }
}
