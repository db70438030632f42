package io.sluice.connectors.jdbc;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverterRule;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * The calling convention of one source: plan nodes in it run as that source's SQL. It registers
 * Calcite's JDBC rules, except that filters, projections and join conditions are pushed only
 * when {@link PushdownCapabilities} says the source can evaluate every expression in them;
 * otherwise Sluice evaluates that node itself, above the part the source does run. Literal rows
 * ({@code VALUES}) are pushed only when they have rows and no NULL: Calcite writes an empty one as
 * {@code (VALUES (NULL, ...)) WHERE 1 = 0} and a NULL without its type, and PostgreSQL types such
 * a column as text, so comparing it with an integer column fails there. An aggregate over rows
 * that carry window functions is not pushed: Calcite folds the projection below an aggregate
 * into the aggregate's SELECT and would write the window function into GROUP BY, which no
 * source accepts; the window still goes to the source and Sluice aggregates its rows.
 */
public final class SourceConvention extends JdbcConvention {
    private final PushdownCapabilities capabilities;

    public SourceConvention(SqlDialect dialect, Expression expression, String source,
            PushdownCapabilities capabilities) {
        super(dialect, expression, source);
        this.capabilities = requireNonNull(capabilities, "capabilities is null");
    }

    public PushdownCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public void register(RelOptPlanner planner) {
        for (RelOptRule rule : JdbcRules.rules(this)) {
            planner.addRule(switch (rule) {
                case JdbcToEnumerableConverterRule converter -> new SourceToEnumerableConverter.Rule(converter.config);
                case JdbcRules.JdbcFilterRule filter -> new CheckedFilterRule(filter.config, capabilities);
                case JdbcRules.JdbcProjectRule project -> new CheckedProjectRule(project.config, capabilities);
                case JdbcRules.JdbcJoinRule join -> new CheckedJoinRule(join.config, capabilities);
                case JdbcRules.JdbcAggregateRule aggregate -> new AggregateOverPlainRowsRule(aggregate.config);
                case JdbcRules.JdbcValuesRule values -> new TypedValuesRule(values.config);
                default -> rule;
            });
        }
        planner.addRule(FilterSplitRule.INSTANCE);
        planner.addRule(CoreRules.FILTER_SET_OP_TRANSPOSE);
        planner.addRule(CoreRules.PROJECT_REMOVE);
    }

    private static final class CheckedFilterRule extends JdbcRules.JdbcFilterRule {
        private final PushdownCapabilities capabilities;

        CheckedFilterRule(Config config, PushdownCapabilities capabilities) {
            super(config);
            this.capabilities = capabilities;
        }

        @Override
        public RelNode convert(RelNode rel) {
            return capabilities.canEvaluate(((Filter) rel).getCondition()) ? super.convert(rel) : null;
        }
    }

    private static final class CheckedProjectRule extends JdbcRules.JdbcProjectRule {
        private final PushdownCapabilities capabilities;

        CheckedProjectRule(Config config, PushdownCapabilities capabilities) {
            super(config);
            this.capabilities = capabilities;
        }

        /**
         * Also refuses a projection that outputs an interval: a source sends an interval as text
         * ({@code 1 day}) where Calcite's reader of the source's rows expects a number.
         */
        @Override
        public RelNode convert(RelNode rel) {
            Project project = (Project) rel;
            boolean intervalOut = project.getRowType().getFieldList().stream()
                    .anyMatch(field -> SqlTypeUtil.isInterval(field.getType()));
            return !intervalOut && capabilities.canEvaluate(project.getProjects()) ? super.convert(rel) : null;
        }
    }

    /**
     * Joins the source can evaluate, including semi- and anti-joins, which Calcite's rule refuses
     * and its SQL writer renders as {@code [NOT] EXISTS (SELECT 1 FROM right WHERE condition)}.
     * That writer appends the EXISTS to the left side's WHERE and rewrites the right side's
     * SELECT list, which is only right when neither side aggregates, windows, sorts or combines
     * sets; other semi-joins stay in Sluice. Without them an EXISTS over one source went down as
     * a join with the distinct keys of the sub-query, and PostgreSQL aggregated all of lineitem
     * for TPC-H Q04 where its own semi-join stops at the first match.
     */
    private static final class CheckedJoinRule extends JdbcRules.JdbcJoinRule {
        private final PushdownCapabilities capabilities;

        CheckedJoinRule(Config config, PushdownCapabilities capabilities) {
            super(config);
            this.capabilities = capabilities;
        }

        @Override
        public RelNode convert(RelNode rel) {
            Join join = (Join) rel;
            if (!capabilities.canEvaluate(join.getCondition())) {
                return null;
            }
            return switch (join.getJoinType()) {
                case SEMI, ANTI -> outerRows(join.getLeft()) && plainRows(join.getRight(), new HashSet<>())
                        ? super.convert(distinctNames(join) ? join : withInnerColumnsRenamed(join), true) : null;
                default -> super.convert(rel);
            };
        }

        /**
         * Plain rows, or an EXISTS join of plain rows, any number deep on the outer side: each
         * adds one more [NOT] EXISTS to the same WHERE (TPC-H Q21 has an EXISTS and a NOT EXISTS
         * on lineitem).
         */
        private static boolean outerRows(RelNode node) {
            if (original(node) instanceof Join join
                    && (join.getJoinType() == JoinRelType.SEMI || join.getJoinType() == JoinRelType.ANTI)) {
                return outerRows(join.getLeft()) && plainRows(join.getRight(), new HashSet<>());
            }
            return plainRows(node, new HashSet<>());
        }

        private static RelNode original(RelNode node) {
            return node instanceof RelSubset subset && subset.getOriginal() != null ? subset.getOriginal() : node;
        }

        /**
         * The join with its inner side under new column names, so that the sub-query exposes none
         * of the outer side's names and the unqualified outer columns in the condition resolve to
         * the outer row: {@code EXISTS (SELECT 1 FROM (SELECT l_orderkey AS l_orderkey$i12, ...,
         * TRUE AS $i12) AS t1 WHERE t1.l_orderkey$i12 = l_orderkey)}. The constant column keeps the
         * projection from being removed as a mere rename; it comes last, so the condition's field
         * numbers stay as they are.
         */
        private static Join withInnerColumnsRenamed(Join join) {
            RelNode inner = join.getRight();
            RexBuilder rex = join.getCluster().getRexBuilder();
            String suffix = "$i" + join.getId();
            List<RexNode> columns = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (RelDataTypeField field : inner.getRowType().getFieldList()) {
                columns.add(rex.makeInputRef(inner, field.getIndex()));
                names.add(field.getName() + suffix);
            }
            columns.add(rex.makeLiteral(true));
            names.add(suffix);
            RelNode renamed = LogicalProject.create(inner, List.of(), columns, names, Set.of());
            return join.copy(join.getTraitSet(), join.getCondition(), join.getLeft(), renamed, join.getJoinType(),
                    join.isSemiJoinDone());
        }

        /**
         * Whether no column name is on both sides. The join is written as {@code EXISTS (SELECT
         * ... FROM (...) AS t1 WHERE col = t1.col)} with the outer columns unqualified, and inside
         * the sub-query an unqualified name that the inner side also has means the inner column:
         * {@code o_orderkey = t1.o_orderkey + 1} would compare an inner row with itself.
         */
        private static boolean distinctNames(Join join) {
            Set<String> left = names(join.getLeft(), new HashSet<>());
            return names(join.getRight(), new HashSet<>()).stream().noneMatch(left::contains);
        }

        /**
         * Every name a side's SQL may use: the fields of each node under it as first registered
         * and the columns of its tables, so that a rename somewhere in the side cannot hide one.
         */
        private static Set<String> names(RelNode node, Set<String> names) {
            RelNode actual = original(node);
            names.addAll(node.getRowType().getFieldNames());
            names.addAll(actual.getRowType().getFieldNames());
            if (actual instanceof TableScan scan) {
                names.addAll(scan.getTable().getRowType().getFieldNames());
            }
            actual.getInputs().forEach(input -> names(input, names));
            return names;
        }

        /**
         * Whether a node is scans, filters, projections and inner joins only, as
         * first registered. {@code path} holds the nodes above this one, to stop at a cycle; a
         * node reached twice on different paths (a table joined with itself) is fine.
         */
        private static boolean plainRows(RelNode node, Set<RelNode> path) {
            RelNode actual = original(node);
            if (!path.add(actual)) {
                return false;
            }
            boolean plain = switch (actual) {
                case TableScan scan -> true;
                case Filter filter -> true;
                case Project project -> !project.containsOver();
                // Not a semi- or anti-join: nested in another's outer side, Calcite's writer puts
                // two aliases on one table ("lineitem" AS "t0" AS "t2").
                case Join join -> join.getJoinType() == JoinRelType.INNER;
                default -> false;
            };
            boolean plainInputs = plain && actual.getInputs().stream().allMatch(input -> plainRows(input, path));
            path.remove(actual);
            return plainInputs;
        }
    }

    private static final class TypedValuesRule extends JdbcRules.JdbcValuesRule {
        TypedValuesRule(Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            Values values = (Values) rel;
            boolean typed = !values.getTuples().isEmpty()
                    && values.getTuples().stream().flatMap(List::stream).noneMatch(RexLiteral::isNullLiteral);
            return typed ? super.convert(rel) : null;
        }
    }

    private static final class AggregateOverPlainRowsRule extends JdbcRules.JdbcAggregateRule {
        AggregateOverPlainRowsRule(Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            return computesWindows(((Aggregate) rel).getInput(), new HashSet<>()) ? null : super.convert(rel);
        }

        /**
         * Whether a node's columns include window functions, looking through projections (each
         * alternative the planner holds for a node counts, since any of them may be chosen).
         */
        private static boolean computesWindows(RelNode node, Set<RelNode> seen) {
            if (!seen.add(node)) {
                return false;
            }
            return switch (node) {
                case RelSubset subset -> subset.getRelList().stream().anyMatch(r -> computesWindows(r, seen));
                case Window _ -> true;
                case Project project -> project.containsOver() || computesWindows(project.getInput(), seen);
                default -> false;
            };
        }
    }
}
