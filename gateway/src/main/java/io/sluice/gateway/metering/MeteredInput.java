package io.sluice.gateway.metering;

import io.sluice.connectors.jdbc.DependentJoin;
import io.sluice.connectors.jdbc.KeyFilteredProbe;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableIntersect;
import org.apache.calcite.adapter.enumerable.EnumerableMinus;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.adapter.enumerable.EnumerableUnion;
import org.apache.calcite.adapter.enumerable.EnumerableWindow;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * A pass-through node over an operator's output that meters the rows going by: charged to the
 * statement's memory where the parent holds them (a sort's input, a hash join's build side),
 * counted and timed where EXPLAIN ANALYZE asked. It changes no row; EXPLAIN does not show it.
 */
public final class MeteredInput extends SingleRel implements EnumerableRel {
    private final int operator;
    private final long rowBytes;
    private final String holder;
    /** When not empty, the parent holds one entry per distinct value of these columns, not every row. */
    private final List<Integer> groupKey;

    private MeteredInput(RelNode input, int operator, long rowBytes, String holder, List<Integer> groupKey) {
        super(input.getCluster(), input.getTraitSet(), input);
        this.operator = operator;
        this.rowBytes = rowBytes;
        this.holder = holder;
        this.groupKey = List.copyOf(groupKey);
    }

    /** The operator number EXPLAIN ANALYZE reports this node's input under, or -1. */
    int operator() {
        return operator;
    }

    /**
     * The plan with the inputs that operators hold in memory charged to the statement: sorts,
     * windows, hash-join build sides (also of dependent joins), replayed nested-loop inner sides, the
     * inputs of set operations, and hash aggregations, which hold one entry per group: their input
     * is charged an output row for each group key not seen before.
     */
    public static RelNode chargeBufferedInputs(RelNode plan) {
        List<RelNode> inputs = new ArrayList<>();
        for (RelNode input : plan.getInputs()) {
            inputs.add(chargeBufferedInputs(input));
        }
        Held held = held(plan);
        for (int i = 0; i < inputs.size(); i++) {
            if (held.input() == i || held.input() == ALL) {
                RelDataType heldRow = held.groupKey().isEmpty() ? inputs.get(i).getRowType() : plan.getRowType();
                inputs.set(i, new MeteredInput(inputs.get(i), -1, rowBytes(heldRow), held.what(), held.groupKey()));
            }
        }
        return inputs.equals(plan.getInputs()) ? plan : plan.copy(plan.getTraitSet(), inputs);
    }

    private static final int ALL = -2;

    /**
     * Which input of an operator it holds in memory ({@link #ALL} of them, or none: -1), what it
     * is, and, for an aggregation, the input columns whose distinct values it holds an entry for.
     */
    private record Held(String what, int input, List<Integer> groupKey) {
        Held(String what, int input) {
            this(what, input, List.of());
        }
    }

    private static Held held(RelNode node) {
        return switch (node) {
            case EnumerableSort sort -> new Held("a sort", 0);
            case EnumerableWindow window -> new Held("a window", 0);
            case EnumerableHashJoin join -> new Held("the build side of a hash join", 1);
            case DependentJoin join -> new Held("the build side of a dependent join", join.buildOrdinal());
            case HoldsInput holder -> new Held(holder.heldAs(), 0);
            case EnumerableAggregate aggregate when !aggregate.getGroupSet().isEmpty() ->
                    new Held("a hash aggregation", 0, aggregate.getGroupSet().asList());
            case EnumerableUnion union when !union.all -> new Held("a UNION", ALL);
            case EnumerableIntersect intersect -> new Held("an INTERSECT", ALL);
            case EnumerableMinus minus -> new Held("an EXCEPT", ALL);
            default -> new Held("", -1);
        };
    }

    /**
     * The plan with every operator's output counted and timed, numbered in the order of
     * {@code numbered}. Source fragments are metered as a whole; the probe side of a dependent
     * join is left as it is (its rows are the fragments', reported per source).
     */
    public static RelNode meterEveryOperator(RelNode plan, List<RelNode> numbered) {
        if (plan instanceof MeteredInput charged) {
            return plan.copy(plan.getTraitSet(), List.of(meterEveryOperator(charged.getInput(), numbered)));
        }
        int operator = numbered.size();
        numbered.add(plan);
        List<RelNode> inputs = new ArrayList<>();
        for (int i = 0; i < plan.getInputs().size(); i++) {
            RelNode input = plan.getInputs().get(i);
            boolean probe = plan instanceof DependentJoin join && join.buildOrdinal() != i
                    || plan instanceof KeyFilteredProbe;
            inputs.add(plan instanceof JdbcToEnumerableConverter || probe ? input : meterEveryOperator(input, numbered));
        }
        RelNode copy = inputs.equals(plan.getInputs()) ? plan : plan.copy(plan.getTraitSet(), inputs);
        return new MeteredInput(copy, operator, 0, "", List.of());
    }

    /**
     * What one row held in memory is estimated to take: the row array and a boxed value per
     * column, strings at their declared length up to 64 characters (32 when undeclared), plus a
     * hash-table entry's overhead. An estimate for accounting, not a measurement.
     */
    static long rowBytes(RelDataType rowType) {
        long bytes = 48 + 16 + 8L * rowType.getFieldCount();
        for (RelDataTypeField field : rowType.getFieldList()) {
            RelDataType type = field.getType();
            bytes += switch (type.getSqlTypeName()) {
                case BOOLEAN -> 0;
                case TINYINT, SMALLINT, INTEGER, DATE, TIME, REAL -> 16;
                case BIGINT, TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE, DOUBLE, FLOAT -> 24;
                case DECIMAL -> 40;
                case CHAR, VARCHAR -> 40 + Math.min(type.getPrecision() > 0 ? type.getPrecision() : 32, 64);
                default -> 32;
            };
        }
        return bytes;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new MeteredInput(sole(inputs), operator, rowBytes, holder, groupKey);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("operator", operator).item("rowBytes", rowBytes)
                .itemIf("groupKey", groupKey, !groupKey.isEmpty());
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
        // Not optimised, so the clock is read before the input's code runs: some operators (an
        // aggregate without GROUP BY) compute their answer there, before any row is asked for.
        BlockBuilder builder = new BlockBuilder(false);
        Expression started = builder.append("started", Expressions.call(System.class, "nanoTime"));
        Expression rows = builder.append("metered", input.block);
        builder.add(Expressions.return_(null, Expressions.call(Metering.class, "meter", DataContext.ROOT, rows,
                Expressions.constant(operator), Expressions.constant(rowBytes), Expressions.constant(holder),
                Expressions.newArrayInit(int.class, groupKey.stream().map(Expressions::constant).toList()),
                started)));
        return implementor.result(input.physType, builder.toBlock());
    }
}
