package io.sluice.gateway.planning;

import io.sluice.connectors.catalog.SourceTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.rules.LoptMultiJoin;
import org.apache.calcite.rel.rules.MultiJoin;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexTableInputRef.RelTableRef;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders a multi-join of inner joins by estimated cardinality, trying every bushy tree of its
 * tables (dynamic programming over subsets, so 8 tables cost about 6,500 candidate joins).
 *
 * <p>The rows of a set of tables are their rows multiplied, times, for each pair of tables
 * joined by equalities, one over the larger number of distinct values of the joined columns on
 * either side (the textbook estimate, with distinct values from the sources' statistics); other
 * conditions use Calcite's guesses. A plan costs what its joins handle:
 *
 * <pre>
 *   join inside one source    SOURCE_WEIGHT × (rows in + rows out)
 *   join in Sluice            rows in + rows out, plus every row a source sends
 * </pre>
 *
 * so tables of one source meet there when that keeps the rows crossing the network down, and a
 * join that multiplies rows (customer ⋈ supplier on a nation key: 60 million rows at TPC-H scale
 * factor 1) is left for last, where the other tables have already filtered both sides. Calcite's
 * own bushy orderer prices every join with one fixed selectivity and picks joins by the
 * difference in their inputs' sizes, which sent exactly that join into MariaDB.
 *
 * <p>The bigger input goes left: Sluice's hash join builds its table from the right. A
 * multi-join with more than {@value #MAX_TABLES} tables is left to Calcite's left-deep orderer.
 */
final class CardinalityJoinOrderRule extends RelOptRule {
    private static final Logger LOG = LoggerFactory.getLogger(CardinalityJoinOrderRule.class);

    static final CardinalityJoinOrderRule INSTANCE = new CardinalityJoinOrderRule();

    static final int MAX_TABLES = 12;

    /** What a source's join costs per row against Sluice receiving, hashing and joining it. */
    private static final double SOURCE_WEIGHT = 0.5;

    @SuppressWarnings("deprecation")
    private CardinalityJoinOrderRule() {
        super(operand(MultiJoin.class, RelOptRule.any()), "SluiceCardinalityJoinOrderRule");
    }

    static boolean applies(MultiJoin join) {
        return !join.isFullOuterJoin() && join.getInputs().size() <= MAX_TABLES
                && join.getJoinTypes().stream().allMatch(t -> t == JoinRelType.INNER);
    }

    @Override
    public boolean matches(RelOptRuleCall call) {
        return applies(call.rel(0));
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        MultiJoin multiJoinRel = call.rel(0);
        Tables tables = new Tables(new LoptMultiJoin(multiJoinRel), call.getMetadataQuery());
        Plan[] plans = tables.search();
        if (LOG.isDebugEnabled()) {
            LOG.debug("Join order, cost {}: {}", Math.round(plans[plans.length - 1].cost()),
                    tables.describe(plans.length - 1, plans));
        }
        call.transformTo(tables.build(plans, call.builder()));
    }

    /** A condition of the multi-join and the tables it reads. */
    private record Condition(RexNode rex, ImmutableBitSet tables) {}

    /** The cheapest way found to join a set of tables, and where its last join runs. */
    private record Plan(int tables, int left, int right, double cost, Optional<String> source) {}

    /** One multi-join's tables, their estimates, and the search over them. */
    private static final class Tables {
        private final LoptMultiJoin multiJoin;
        private final RelMetadataQuery mq;
        private final int count;
        private final List<Condition> conditions = new ArrayList<>();
        private final double[] rows;

        Tables(LoptMultiJoin multiJoin, RelMetadataQuery mq) {
            this.multiJoin = multiJoin;
            this.mq = mq;
            this.count = multiJoin.getNumJoinFactors();
            for (RexNode filter : multiJoin.getJoinFilters()) {
                conditions.add(new Condition(filter, multiJoin.getFactorsRefByJoinFilter(filter)));
            }
            this.rows = rowsOfEverySet();
        }

        /**
         * Rows of every subset of the tables (indexed by bit mask): the product of the tables'
         * rows and of the selectivities of the conditions among them.
         */
        private double[] rowsOfEverySet() {
            double[] single = new double[count];
            for (int i = 0; i < count; i++) {
                Double estimate = mq.getRowCount(multiJoin.getJoinFactor(i));
                single[i] = estimate == null ? 100d : Math.max(1d, estimate);
            }
            List<ImmutableBitSet> groups = new ArrayList<>();
            List<Double> selectivities = new ArrayList<>();
            selectivities(groups, selectivities);
            double[] result = new double[1 << count];
            for (int set = 1; set < result.length; set++) {
                ImmutableBitSet members = ImmutableBitSet.of(bits(set));
                double estimate = 1;
                for (int table : members) {
                    estimate *= single[table];
                }
                for (int g = 0; g < groups.size(); g++) {
                    if (members.contains(groups.get(g))) {
                        estimate *= selectivities.get(g);
                    }
                }
                result[set] = Math.max(1d, estimate);
            }
            return result;
        }

        /**
         * One selectivity per pair of tables joined by column equalities (all of a pair's
         * equalities together: a composite key is one key), and one per other condition.
         */
        private void selectivities(List<ImmutableBitSet> groups, List<Double> selectivities) {
            Map<ImmutableBitSet, List<RexNode>> keyPairs = new HashMap<>();
            for (Condition condition : conditions) {
                if (condition.tables().cardinality() == 2 && equalColumns(condition.rex()) != null) {
                    keyPairs.computeIfAbsent(condition.tables(), t -> new ArrayList<>()).add(condition.rex());
                } else if (condition.tables().cardinality() >= 2) {
                    groups.add(condition.tables());
                    selectivities.add(RelMdUtil.guessSelectivity(condition.rex()));
                }
            }
            RexBuilder rexBuilder = multiJoin.getMultiJoinRel().getCluster().getRexBuilder();
            for (Map.Entry<ImmutableBitSet, List<RexNode>> pair : keyPairs.entrySet()) {
                int a = pair.getKey().nth(0);
                int b = pair.getKey().nth(1);
                ImmutableBitSet.Builder aColumns = ImmutableBitSet.builder();
                ImmutableBitSet.Builder bColumns = ImmutableBitSet.builder();
                for (RexNode equality : pair.getValue()) {
                    for (int column : equalColumns(equality)) {
                        int owner = factorOf(column);
                        (owner == a ? aColumns : bColumns).set(column - multiJoin.getJoinStart(owner));
                    }
                }
                Double aValues = JoinSelectivity.keyValues(mq, multiJoin.getJoinFactor(a), aColumns.build());
                Double bValues = JoinSelectivity.keyValues(mq, multiJoin.getJoinFactor(b), bColumns.build());
                groups.add(pair.getKey());
                if (aValues == null && bValues == null) {
                    selectivities.add(RelMdUtil.guessSelectivity(RexUtil.composeConjunction(rexBuilder,
                            pair.getValue())));
                } else {
                    double values = Math.max(aValues == null ? 1d : aValues, bValues == null ? 1d : bValues);
                    selectivities.add(1d / Math.max(1d, values));
                }
            }
        }

        /** The two columns of {@code a = b} between columns of two tables, or null. */
        private int[] equalColumns(RexNode condition) {
            return ColumnEquality.of(condition)
                    .filter(e -> factorOf(e.lower()) != factorOf(e.higher()))
                    .map(e -> new int[] {e.lower(), e.higher()})
                    .orElse(null);
        }

        private int factorOf(int field) {
            for (int i = count - 1; i >= 0; i--) {
                if (field >= multiJoin.getJoinStart(i)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("field " + field + " is in no table");
        }

        /** The source a table's rows all come from, if one. */
        private Optional<String> sourceOf(int table) {
            Set<RelTableRef> references = mq.getTableReferences(multiJoin.getJoinFactor(table));
            if (references == null || references.isEmpty()) {
                return Optional.empty();
            }
            String source = null;
            for (RelTableRef reference : references) {
                RelOptTable relOptTable = reference.getTable();
                SourceTable sourceTable = relOptTable.unwrap(SourceTable.class);
                if (sourceTable == null || (source != null && !source.equals(sourceTable.source()))) {
                    return Optional.empty();
                }
                source = sourceTable.source();
            }
            return Optional.of(source);
        }

        /** The cheapest plan of every connected set of tables, indexed by bit mask. */
        Plan[] search() {
            Plan[] best = new Plan[1 << count];
            for (int i = 0; i < count; i++) {
                best[1 << i] = new Plan(1 << i, 0, 0, 0, sourceOf(i));
            }
            for (int set = 1; set < best.length; set++) {
                if (Integer.bitCount(set) < 2) {
                    continue;
                }
                Plan connected = bestSplit(set, best, true);
                best[set] = connected != null ? connected : bestSplit(set, best, false);
            }
            return best;
        }

        /** The cheapest split of {@code set} in two, joined by a condition if {@code connected}. */
        private Plan bestSplit(int set, Plan[] best, boolean connected) {
            Plan cheapest = null;
            // Each unordered split once: the half holding the lowest table is one side.
            int lowest = Integer.lowestOneBit(set);
            for (int left = (set - 1) & set; left > 0; left = (left - 1) & set) {
                if ((left & lowest) == 0) {
                    continue;
                }
                int right = set & ~left;
                if (connected && !joined(left, right)) {
                    continue;
                }
                Plan a = best[left];
                Plan b = best[right];
                double cost = a.cost() + b.cost();
                Optional<String> source = a.source().isPresent() && a.source().equals(b.source())
                        ? a.source() : Optional.empty();
                if (source.isPresent()) {
                    cost += SOURCE_WEIGHT * (rows[left] + rows[right] + rows[set]);
                } else {
                    cost += rows[left] + rows[right] + rows[set] + sent(a) + sent(b);
                }
                if (cheapest == null || cost < cheapest.cost()) {
                    boolean leftBigger = rows[left] >= rows[right];
                    cheapest = new Plan(set, leftBigger ? left : right, leftBigger ? right : left, cost, source);
                }
            }
            return cheapest;
        }

        /** Rows a plan's source sends Sluice when its output is joined in Sluice. */
        private double sent(Plan plan) {
            return plan.source().isPresent() ? rows[plan.tables()] : 0;
        }

        private boolean joined(int left, int right) {
            for (Condition condition : conditions) {
                int tables = mask(condition.tables());
                if ((tables & left) != 0 && (tables & right) != 0) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The plan as joins, each condition applied where all its tables first meet, with a
         * projection restoring the multi-join's column order.
         */
        RelNode build(Plan[] plans, RelBuilder builder) {
            int[] position = positions(push(plans.length - 1, plans, builder));
            List<RexNode> remaining = new ArrayList<>();
            conditions.stream().filter(c -> c.tables().isEmpty()).forEach(c -> remaining.add(c.rex()));
            RexNode postJoinFilter = multiJoin.getMultiJoinRel().getPostJoinFilter();
            if (postJoinFilter != null) {
                remaining.add(postJoinFilter);
            }
            if (!remaining.isEmpty()) {
                builder.filter(remaining.stream().map(r -> remap(r, position)).toList());
            }
            List<RexNode> fields = new ArrayList<>();
            for (int field = 0; field < position.length; field++) {
                fields.add(builder.field(position[field]));
            }
            return builder.project(fields).build();
        }

        /** The plan of {@code set} as text: tables by number, estimated rows, where each join runs. */
        String describe(int set, Plan[] plans) {
            if (Integer.bitCount(set) == 1) {
                int table = Integer.numberOfTrailingZeros(set);
                Set<RelTableRef> references = mq.getTableReferences(multiJoin.getJoinFactor(table));
                String name = references == null || references.isEmpty() ? "t" + table : references.stream()
                        .map(r -> r.getQualifiedName().getLast()).sorted().collect(Collectors.joining("+"));
                return name + sourceOf(table).map(s -> "@" + s).orElse("") + "[" + Math.round(rows[set]) + "]";
            }
            Plan plan = plans[set];
            return "(" + describe(plan.left(), plans) + " ⋈ " + describe(plan.right(), plans) + ")"
                    + plan.source().map(s -> "@" + s).orElse("") + "[" + Math.round(rows[set]) + "]";
        }

        /** Pushes the join of {@code set} onto the builder; returns its tables in column order. */
        private List<Integer> push(int set, Plan[] plans, RelBuilder builder) {
            if (Integer.bitCount(set) == 1) {
                int table = Integer.numberOfTrailingZeros(set);
                builder.push(multiJoin.getJoinFactor(table));
                int[] position = positions(List.of(table));
                List<RexNode> own = conditions.stream()
                        .filter(c -> c.tables().equals(ImmutableBitSet.of(table)))
                        .map(c -> remap(c.rex(), position))
                        .toList();
                if (!own.isEmpty()) {
                    builder.filter(own);
                }
                return List.of(table);
            }
            Plan plan = plans[set];
            List<Integer> order = new ArrayList<>(push(plan.left(), plans, builder));
            order.addAll(push(plan.right(), plans, builder));
            int[] position = positions(order);
            List<RexNode> here = conditions.stream()
                    .filter(c -> !c.tables().isEmpty())
                    .filter(c -> {
                        int tables = mask(c.tables());
                        return (tables & ~set) == 0 && (tables & ~plan.left()) != 0 && (tables & ~plan.right()) != 0;
                    })
                    .map(c -> remap(c.rex(), position))
                    .toList();
            builder.join(JoinRelType.INNER, here);
            return order;
        }

        /** Where each of the multi-join's columns is in a join of {@code order}'s tables; -1 if absent. */
        private int[] positions(List<Integer> order) {
            int[] position = new int[multiJoin.getNumTotalFields()];
            Arrays.fill(position, -1);
            int offset = 0;
            for (int table : order) {
                for (int f = 0; f < multiJoin.getNumFieldsInJoinFactor(table); f++) {
                    position[multiJoin.getJoinStart(table) + f] = offset + f;
                }
                offset += multiJoin.getNumFieldsInJoinFactor(table);
            }
            return position;
        }

        private static RexNode remap(RexNode rex, int[] position) {
            return rex.accept(new RexShuttle() {
                @Override
                public RexNode visitInputRef(RexInputRef ref) {
                    return new RexInputRef(position[ref.getIndex()], ref.getType());
                }
            });
        }

        private static int mask(ImmutableBitSet tables) {
            int mask = 0;
            for (int table : tables) {
                mask |= 1 << table;
            }
            return mask;
        }

        private static int[] bits(int set) {
            return BitSet.valueOf(new long[] {set}).stream().toArray();
        }
    }
}
