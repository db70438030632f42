package io.sluice.gateway.policy;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.planning.AccessSummary;
import io.sluice.gateway.planning.PlanRewriter;
import io.sluice.policies.decision.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * One protected scan and what replaces it: the table's rows as the policy lets this user see
 * them, built as the query {@code SELECT <mask per column> FROM table WHERE <filters>} and
 * planned by Calcite itself, then cast back to the scan's exact row type so the rest of the plan
 * cannot tell the difference. Filters and masks written in standard SQL go to the source with
 * the scan; the rest runs in Sluice.
 */
final class ScanRewrite {
    private static final SqlParserPos POS = SqlParserPos.ZERO;
    private static final String ALIAS = "sluice_policy";

    private final TableScan scan;
    private final String key;
    private final Decision.TableDecision rules;
    private final PlanRewriter.RewriteContext context;

    ScanRewrite(TableScan scan, String key, Decision.TableDecision rules, PlanRewriter.RewriteContext context) {
        this.scan = requireNonNull(scan, "scan is null");
        this.key = requireNonNull(key, "key is null");
        this.rules = requireNonNull(rules, "rules is null");
        this.context = requireNonNull(context, "context is null");
    }

    /**
     * Translates the table's filters and masks into expressions over the scan's columns. The
     * result does not depend on the statement, so the caller may reuse it for every scan of the
     * same table by the same user under the same decision.
     */
    Restriction restriction() {
        SqlNodeList select = new SqlNodeList(POS);
        for (RelDataTypeField field : scan.getRowType().getFieldList()) {
            SqlIdentifier column = PolicySql.column(ALIAS, field.getName());
            Optional<Decision.ColumnMask> found = rules.mask(field.getName());
            SqlNode value = column;
            if (found.isPresent()) {
                Decision.ColumnMask mask = found.get();
                String what = "mask " + mask.mask().name() + " of rule " + mask.rule() + " on column "
                        + field.getName() + " of " + key;
                try {
                    value = MaskSql.of(mask.mask(), column, field.getType())
                            .map(node -> PolicySql.bindSession(node, context.session()))
                            .orElseGet(() -> SqlStdOperatorTable.CAST.createCall(POS,
                                    org.apache.calcite.sql.SqlLiteral.createNull(POS),
                                    SqlTypeUtil.convertTypeToSpec(field.getType())));
                } catch (PolicySql.BadExpression e) {
                    throw PolicyEnforcer.denied("policy error: the " + what + " " + e.getMessage());
                }
            }
            select.add(SqlStdOperatorTable.AS.createCall(POS, value, new SqlIdentifier(field.getName(), POS)));
        }
        SqlNode where = null;
        for (Decision.RowFilter filter : rules.rowFilters()) {
            SqlNode condition;
            try {
                condition = PolicySql.bindSession(PolicySql.parse(filter.expression()), context.session());
            } catch (PolicySql.BadExpression e) {
                throw PolicyEnforcer.denied("policy error: the row filter of rule " + filter.rule() + " on " + key
                        + " " + e.getMessage());
            }
            where = where == null ? condition : SqlStdOperatorTable.AND.createCall(POS, where, condition);
        }
        SqlNode from = SqlStdOperatorTable.AS.createCall(POS,
                new SqlIdentifier(scan.getTable().getQualifiedName(), POS), new SqlIdentifier(ALIAS, POS));
        SqlSelect query = new SqlSelect(POS, null, select, from, where, null, null, null, null, null, null, null,
                null);
        RelNode rel;
        try {
            rel = context.toRel(query);
        } catch (SluiceException | org.apache.calcite.runtime.CalciteContextException e) {
            throw PolicyEnforcer.denied("policy error: the filters and masks of " + key + " are not valid SQL for"
                    + " this table (" + e.getMessage() + ")");
        }
        return Restriction.of(rel, scan.getRowType(), scan.getCluster().getRexBuilder())
                .orElseThrow(() -> PolicyEnforcer.denied("policy error: the filters and masks of " + key
                        + " did not translate into a filter and a projection over the table"));
    }

    /** What this rewrite applies, with the rule behind each piece, for audit and EXPLAIN (POLICY). */
    AccessSummary.TableRules applied() {
        List<AccessSummary.Applied> filters = new ArrayList<>();
        for (Decision.RowFilter f : rules.rowFilters()) {
            filters.add(new AccessSummary.Applied(f.rule(), Optional.empty(), f.expression()));
        }
        List<AccessSummary.Applied> masks = new ArrayList<>();
        for (RelDataTypeField field : scan.getRowType().getFieldList()) {
            rules.mask(field.getName()).ifPresent(mask -> masks.add(
                    new AccessSummary.Applied(mask.rule(), Optional.of(field.getName()), mask.mask().name())));
        }
        return new AccessSummary.TableRules(key, filters, masks);
    }

    /**
     * What replaces a scan: {@code Project(columns, Filter(condition, scan))}, the expressions
     * referring to the scan's columns by position and typed exactly as the scan's columns (masks
     * keep the column's type; a mask of a NOT NULL column never yields null for a non-null value,
     * so the cast may keep NOT NULL). Expressions are immutable and carry canonical types, so one
     * restriction serves scans in any statement's plan.
     */
    record Restriction(Optional<RexNode> condition, List<RexNode> columns) {
        Restriction {
            requireNonNull(condition, "condition is null");
            columns = List.copyOf(columns);
        }

        /** The restriction Calcite planned for the generated query, or empty if its shape is unexpected. */
        static Optional<Restriction> of(RelNode planned, RelDataType target, RexBuilder rexBuilder) {
            if (!(planned instanceof LogicalProject project)
                    || project.getProjects().size() != target.getFieldCount()) {
                return Optional.empty();
            }
            Optional<RexNode> condition = Optional.empty();
            RelNode below = project.getInput();
            if (below instanceof LogicalFilter filter) {
                condition = Optional.of(filter.getCondition());
                below = filter.getInput();
            }
            if (!(below instanceof TableScan) || !below.getRowType().equals(target)) {
                return Optional.empty();
            }
            List<RexNode> columns = new ArrayList<>();
            for (int i = 0; i < target.getFieldCount(); i++) {
                RelDataType type = target.getFieldList().get(i).getType();
                RexNode value = project.getProjects().get(i);
                columns.add(value.getType().equals(type) ? value : rexBuilder.makeAbstractCast(type, value, false));
            }
            return Optional.of(new Restriction(condition, columns));
        }

        /**
         * The scan's rows as the policy lets the user see them, with the scan's own row type. Masks
         * that only Sluice can compute (its own functions) go in a projection of their own above the
         * rest: a source's pushdown rules refuse a projection holding such a call as a whole, which
         * would leave every standard-SQL mask in Sluice too and fetch every column.
         */
        RelNode over(TableScan scan) {
            RelNode input = condition.<RelNode>map(c -> LogicalFilter.create(scan, c)).orElse(scan);
            if (columns.stream().noneMatch(Restriction::callsSluiceFunction)) {
                return LogicalProject.create(input, List.of(), columns, scan.getRowType(), Set.of());
            }
            RexBuilder rexBuilder = scan.getCluster().getRexBuilder();
            int width = columns.size();
            List<RexNode> below = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                below.add(rexBuilder.makeInputRef(input, i));
            }
            List<RexNode> above = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                RexNode column = columns.get(i);
                if (callsSluiceFunction(column) || column instanceof RexInputRef) {
                    above.add(column);
                } else {
                    below.add(column);
                    above.add(new RexInputRef(below.size() - 1, column.getType()));
                }
            }
            RelNode pushable = LogicalProject.create(input, List.of(), below, (List<String>) null, Set.of());
            return LogicalProject.create(pushable, List.of(), above, scan.getRowType(), Set.of());
        }

        private static boolean callsSluiceFunction(RexNode node) {
            return node.accept(new RexVisitorImpl<Boolean>(true) {
                @Override
                public Boolean visitCall(RexCall call) {
                    if (call.getOperator() instanceof SqlFunction f && f.getFunctionType().isUserDefined()) {
                        return true;
                    }
                    return call.getOperands().stream().anyMatch(o -> Boolean.TRUE.equals(o.accept(this)));
                }

                @Override
                public Boolean visitInputRef(RexInputRef ref) {
                    return false;
                }

                @Override
                public Boolean visitLiteral(RexLiteral literal) {
                    return false;
                }
            }) == Boolean.TRUE;
        }
    }
}
