package io.sluice.connectors.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * A hash join whose one side, the probe side, is a source fragment that can be told which keys
 * to return. At run time the other side (the build side) is read first; if it has few distinct
 * keys, they go to the probe side's source, as one array ({@code key = ANY (?)}, PostgreSQL) or
 * as {@code key IN (?, ?, ...)} in batches (see {@link DependentJoinRun.KeyBinding}), so a large
 * table is filtered where it lives instead of being moved whole:
 *
 * <pre>
 *   build side ──read once──▶ buffered rows ──────────────────────────────────────┐
 *                                 │ distinct keys ≤ limit                         ▼
 *                                 └──▶ probe source: WHERE k = ANY (?) / IN (?, …) ──▶ hash join ──▶
 *                                      (more than the limit: probe source unfiltered)
 * </pre>
 *
 * The decision is made on the rows actually read, not on estimates, so a join the planner
 * misjudged still gets the cheap path, and a build side that turns out big costs nothing extra:
 * a hash join holds its build side in memory anyway. The key filter only removes probe rows that
 * could not have matched, so the answer is the same either way ({@link DependentJoinRun} joins
 * the rows in memory, as Calcite's hash join would, on every key of the condition).
 *
 * <p>Applied after optimisation to hash joins on at least one key whose probe side is a fragment
 * and whose join type keeps the probe side's unmatched rows out of the answer: inner joins
 * (other conditions are then applied to the joined rows), outer joins that keep the build side's
 * rows, and semi-joins.
 */
public final class DependentJoin extends Join implements EnumerableRel {
    /** Where the key placeholders are numbered from, far above any statement's own {@code ?}s. */
    static final int PARAMETER_BASE = 1_000_000;
    /** Each dependent join of a statement numbers its placeholders from its own block. */
    static final int PARAMETER_BLOCK = 10_000;
    /**
     * Keys per query; a batch that is not full repeats its last key. Every placeholder costs
     * compiled code in the statement (its index, bound at run time), which the JVM limits to 64 KB
     * a method, so a plan with several dependent joins must keep this modest.
     */
    static final int LARGE_BATCH = 256;
    /** Batch queries running at once, each with placeholders of its own. */
    static final int CONCURRENT_BATCHES = 2;
    /** The query used for the last few keys, so a handful of keys is not sent as a full batch. */
    static final int SMALL_BATCH = 16;
    /**
     * Keys per query where a source takes them as one array. Batches run two at a time and the
     * join reads one while the next runs, which beat one array of all the keys (orders filtered
     * by 60,000 customer keys at SF 1: 0.65 s in three arrays, 0.93-1.15 s in one); and a batch's
     * matching rows are held whole, which the batch size bounds.
     */
    static final int ARRAY_BATCH = 20_000;
    /**
     * Dependent joins in one statement. Each adds about 6 KB of compiled code (the indexes of its
     * placeholders) to the one method that runs the statement, which the JVM caps at 64 KB; joins
     * beyond this many, in plan order, stay plain hash joins.
     */
    static final int MAX_PER_STATEMENT = 6;
    /**
     * A probe side whose source reads fewer rows than this (by estimate) is read whole:
     * filtering it would save little.
     */
    static final double MIN_PROBE_ROWS = 5_000;

    private final boolean probeIsRight;
    private final int filterKey;
    private final int ordinal;

    private DependentJoin(RelOptCluster cluster, RelTraitSet traits, RelNode left, RelNode right,
            RexNode condition, Set<CorrelationId> variablesSet, JoinRelType joinType, boolean probeIsRight,
            int filterKey, int ordinal) {
        super(cluster, traits, List.of(), left, right, condition, variablesSet, joinType);
        this.probeIsRight = probeIsRight;
        this.filterKey = filterKey;
        this.ordinal = ordinal;
    }

    /** The plan with every hash join that can filter its probe side by the build side's keys made dependent. */
    public static RelNode everyEligibleHashJoin(RelNode plan) {
        int[] next = {0};
        return plan.accept(new RelShuttleImpl() {
            @Override
            public RelNode visit(RelNode other) {
                RelNode visited = super.visit(other);
                if (visited instanceof EnumerableHashJoin join && next[0] < MAX_PER_STATEMENT) {
                    return of(join, next[0]).map(d -> {
                        next[0]++;
                        return d;
                    }).orElse(join);
                }
                return visited;
            }
        });
    }

    private static Optional<RelNode> of(EnumerableHashJoin join, int ordinal) {
        var info = join.analyzeCondition();
        JoinRelType type = join.getJoinType();
        // A build side that reads correlation variables changes between runs; its table would not.
        // Conditions beyond key equality are applied above an inner join; a semi-join with such
        // conditions stays Calcite's, with its probe side filtered (KeyFilteredProbe).
        boolean residual = !info.nonEquiConditions.isEmpty();
        if (info.leftKeys.isEmpty() || !RelOptUtil.getVariablesUsed(join).isEmpty()
                || (residual && type != JoinRelType.INNER && type != JoinRelType.SEMI)) {
            return Optional.empty();
        }
        // The probe side may only lose rows that could not be in the answer: never the side
        // whose unmatched rows an outer join keeps.
        boolean rightCan = probeable(join.getRight())
                && (type == JoinRelType.INNER || type == JoinRelType.LEFT || type == JoinRelType.SEMI);
        boolean leftCan = probeable(join.getLeft())
                && (type == JoinRelType.INNER || type == JoinRelType.RIGHT || type == JoinRelType.SEMI);
        // Probe the side expected to be bigger: it gains most from being filtered at its source,
        // and the other side, held in memory, is the one a hash join would hold.
        RelMetadataQuery mq = join.getCluster().getMetadataQuery();
        double leftRows = mq.getRowCount(join.getLeft());
        double rightRows = mq.getRowCount(join.getRight());
        // Calcite's semi-join returns its left rows and holds its right ones.
        rightCan &= rightRows >= leftRows && rowsRead(join.getRight(), mq) >= MIN_PROBE_ROWS
                && !(residual && type == JoinRelType.SEMI);
        leftCan &= leftRows > rightRows && rowsRead(join.getLeft(), mq) >= MIN_PROBE_ROWS;
        if (!rightCan && !leftCan) {
            return Optional.empty();
        }
        for (int i = 0; i < info.leftKeys.size(); i++) {
            RelDataType leftType = join.getLeft().getRowType().getFieldList().get(info.leftKeys.get(i)).getType();
            RelDataType rightType = join.getRight().getRowType().getFieldList().get(info.rightKeys.get(i)).getType();
            if (info.nullExclusionFlags.get(i) && bindable(leftType, rightType) && residual
                    && type == JoinRelType.SEMI) {
                String shared = "sluice.sharedBuild." + ordinal;
                RelNode probe = new KeyFilteredProbe((SourceToEnumerableConverter) join.getLeft(), shared,
                        info.rightKeys.get(i), info.leftKeys.get(i), ordinal);
                return Optional.of(join.copy(join.getTraitSet(), join.getCondition(), probe,
                        new SharedBuild(join.getRight(), shared), type, join.isSemiJoinDone()));
            }
            if (info.nullExclusionFlags.get(i) && bindable(leftType, rightType)) {
                RexNode keysOnly = info.getEquiCondition(join.getLeft(), join.getRight(),
                        join.getCluster().getRexBuilder());
                DependentJoin dependent = new DependentJoin(join.getCluster(), join.getTraitSet(), join.getLeft(),
                        join.getRight(), keysOnly, join.getVariablesSet(), type, rightCan, i, ordinal);
                RexNode rest = RexUtil.composeConjunction(join.getCluster().getRexBuilder(), info.nonEquiConditions);
                if (rest.isAlwaysTrue()) {
                    return Optional.of(dependent);
                }
                RexProgramBuilder program = new RexProgramBuilder(dependent.getRowType(),
                        join.getCluster().getRexBuilder());
                program.addIdentity();
                program.addCondition(rest);
                return Optional.of(EnumerableCalc.create(dependent, program.getProgram()));
            }
        }
        return Optional.empty();
    }

    /**
     * The rows a probe fragment's source reads: those it returns, or for a fragment that sums
     * up per key (an outer join's inner side, counted at its source) the rows it sums, which
     * the keys filter before the grouping.
     */
    private static double rowsRead(RelNode probe, RelMetadataQuery mq) {
        RelNode rel = probe instanceof SourceToEnumerableConverter converter ? converter.getInput() : probe;
        while (rel instanceof Project project) {
            rel = project.getInput();
        }
        return rel instanceof Aggregate aggregate ? mq.getRowCount(aggregate.getInput()) : mq.getRowCount(probe);
    }

    private static boolean probeable(RelNode input) {
        return input instanceof SourceToEnumerableConverter converter
                && converter.getInput().getConvention() instanceof JdbcConvention;
    }

    /**
     * Key types whose run-time values a source compares as the join does: whole numbers with
     * whole numbers, strings with strings. (Dates travel inside Sluice as day numbers, and a
     * decimal bound to an integer column would keep the source off its index.)
     */
    private static boolean bindable(RelDataType a, RelDataType b) {
        boolean integers = SqlTypeUtil.isIntType(a) && SqlTypeUtil.isIntType(b);
        boolean strings = a.getSqlTypeName().getFamily() == SqlTypeFamily.CHARACTER
                && b.getSqlTypeName().getFamily() == SqlTypeFamily.CHARACTER;
        return integers || strings;
    }

    @Override
    public DependentJoin copy(RelTraitSet traitSet, RexNode condition, RelNode left, RelNode right,
            JoinRelType joinType, boolean semiJoinDone) {
        return new DependentJoin(getCluster(), traitSet, left, right, condition, getVariablesSet(), joinType,
                probeIsRight, filterKey, ordinal);
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        // Chosen after optimisation; priced as the hash join it replaces.
        return planner.getCostFactory().makeCost(mq.getRowCount(this), 0, 0);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw)
                .item("probe", probeIsRight ? "right" : "left")
                .item("probeKey", probe().getInput().getRowType().getFieldNames().get(probeKey()));
    }

    /** Which input (0 left, 1 right) is read into the hash table. */
    public int buildOrdinal() {
        return probeIsRight ? 0 : 1;
    }

    private RelNode build() {
        return probeIsRight ? getLeft() : getRight();
    }

    /** The fragment this join filters by the keys it reads from the other side. */
    public SourceToEnumerableConverter probe() {
        return (SourceToEnumerableConverter) (probeIsRight ? getRight() : getLeft());
    }

    private int buildKey() {
        var info = analyzeCondition();
        return (probeIsRight ? info.leftKeys : info.rightKeys).get(filterKey);
    }

    private int probeKey() {
        var info = analyzeCondition();
        return (probeIsRight ? info.rightKeys : info.leftKeys).get(filterKey);
    }

    /**
     * How the keys of the dependent join numbered {@code ordinal} in its statement reach
     * {@code probe}'s source, filtering its column {@code key}: as one array where the source's
     * dialect takes arrays, else as placeholders.
     */
    static DependentJoinRun.KeyFilter keyFilter(SourceToEnumerableConverter probe, int key, int ordinal) {
        boolean arrays = SourceDialects.takesKeyArrays(((JdbcConvention) probe.getInput().getConvention()).dialect);
        return new DependentJoinRun.KeyFilter(
                arrays ? DependentJoinRun.KeyBinding.ARRAY : DependentJoinRun.KeyBinding.PLACEHOLDERS,
                PARAMETER_BASE + ordinal * PARAMETER_BLOCK, sourceName(probe),
                probe.getInput().getRowType().getFieldNames().get(key));
    }

    /**
     * The fragment {@code probe} restricted to the keys of placeholders from {@code firstParameter}
     * for column {@code key}: {@code size} placeholders, or one holding an array.
     */
    static SourceToEnumerableConverter filteredFragment(SourceToEnumerableConverter probe, int key,
            DependentJoinRun.KeyBinding binding, int size, int firstParameter) {
        RelNode source = probe.getInput();
        RexBuilder rex = probe.getCluster().getRexBuilder();
        var types = probe.getCluster().getTypeFactory();
        RelDataType keyType = types.createTypeWithNullability(source.getRowType().getFieldList().get(key).getType(),
                true);
        List<RexNode> operands = new ArrayList<>();
        operands.add(rex.makeInputRef(source, key));
        KeyInOperator operator = switch (binding) {
            case ARRAY -> {
                operands.add(rex.makeDynamicParam(types.createArrayType(keyType, -1), firstParameter));
                yield KeyInOperator.ARRAY;
            }
            case PLACEHOLDERS -> {
                for (int i = 0; i < size; i++) {
                    operands.add(rex.makeDynamicParam(keyType, firstParameter + i));
                }
                yield KeyInOperator.PLACEHOLDERS;
            }
        };
        RelNode filtered = new JdbcRules.JdbcFilter(probe.getCluster(), source.getTraitSet(), source,
                rex.makeCall(operator, operands));
        return (SourceToEnumerableConverter) probe.copy(probe.getTraitSet(), List.of(filtered));
    }

    /**
     * The code of the probe fragment's filtered forms: one per concurrent batch
     * ({@link #CONCURRENT_BATCHES}, an array expression) and one for the last few keys. With
     * placeholders, the first hold {@link #LARGE_BATCH} keys each and the last
     * {@link #SMALL_BATCH}; with arrays, each holds one array and there is no last form (empty).
     */
    static List<Expression> filteredForms(EnumerableRelImplementor implementor, BlockBuilder builder,
            SourceToEnumerableConverter probe, int key, DependentJoinRun.KeyFilter filter, Prefer pref) {
        List<Expression> large = new ArrayList<>();
        for (int slot = 0; slot < CONCURRENT_BATCHES; slot++) {
            large.add(rows(builder, "probeLarge",
                    filteredFragment(probe, key, filter.binding(), LARGE_BATCH,
                            filter.firstParameter() + slot * filter.binding().placeholdersPerSlot())
                            .implement(implementor, pref)));
        }
        Expression small = filter.binding() == DependentJoinRun.KeyBinding.ARRAY
                ? Expressions.call(Linq4j.class, "emptyEnumerable")
                : rows(builder, "probeSmall", filteredFragment(probe, key, filter.binding(), SMALL_BATCH,
                        filter.firstParameter() + CONCURRENT_BATCHES * LARGE_BATCH).implement(implementor, pref));
        return List.of(Expressions.newArrayInit(Enumerable.class, large), small);
    }

    static String sourceName(SourceToEnumerableConverter fragment) {
        String name = fragment.getInput().getConvention().getName();
        return name.startsWith("JDBC.") ? name.substring("JDBC.".length()) : name;
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        BlockBuilder builder = new BlockBuilder();
        DependentJoinRun.KeyFilter filter = keyFilter(probe(), probeKey(), ordinal);
        Expression build = rows(builder, "build", implementor.visitChild(this, probeIsRight ? 0 : 1,
                (EnumerableRel) build(), pref));
        Expression unfiltered = rows(builder, "probe", implementor.visitChild(this, probeIsRight ? 1 : 0,
                probe(), pref));
        List<Expression> filtered = filteredForms(implementor, builder, probe(), probeKey(), filter, pref);
        var info = analyzeCondition();
        List<Integer> buildKeys = probeIsRight ? info.leftKeys : info.rightKeys;
        List<Integer> probeKeys = probeIsRight ? info.rightKeys : info.leftKeys;
        DependentJoinRun.Shape shape = new DependentJoinRun.Shape(
                buildKeys.stream().mapToInt(Integer::intValue).toArray(),
                probeKeys.stream().mapToInt(Integer::intValue).toArray(), filterKey, probeIsRight, kind(),
                build().getRowType().getFieldCount(),
                probe().getRowType().getFieldCount(), filter);
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
        return implementor.result(physType, builder.append(Expressions.call(DependentJoinRun.class, "join",
                        DataContext.ROOT, implementor.stash(shape, DependentJoinRun.Shape.class), build, unfiltered,
                        filtered.get(0), filtered.get(1)))
                .toBlock());
    }

    private DependentJoinRun.Kind kind() {
        return switch (getJoinType()) {
            case INNER -> DependentJoinRun.Kind.INNER;
            case LEFT, RIGHT -> DependentJoinRun.Kind.KEEP_UNMATCHED_BUILD;
            case SEMI -> probeIsRight ? DependentJoinRun.Kind.SEMI_BUILD : DependentJoinRun.Kind.SEMI_PROBE;
            default -> throw new IllegalStateException("no dependent join for a " + getJoinType() + " join");
        };
    }

    /** A child's rows as {@code Object[]}, whatever form its code produces them in. */
    static Expression rows(BlockBuilder builder, String name, Result child) {
        Expression rows = builder.append(name, child.block);
        return builder.append(name + "Rows", child.physType.convertTo(rows, JavaRowFormat.ARRAY));
    }
}
