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
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
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

    RelNode replacement() {
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
        return castToScanType(rel);
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

    private RelNode castToScanType(RelNode rel) {
        RelDataType target = scan.getRowType();
        RexBuilder rexBuilder = scan.getCluster().getRexBuilder();
        List<RexNode> projects = new ArrayList<>();
        for (int i = 0; i < target.getFieldCount(); i++) {
            RelDataType type = target.getFieldList().get(i).getType();
            RexNode ref = rexBuilder.makeInputRef(rel, i);
            // Masks keep the column's type; a mask of a NOT NULL column never yields null for a
            // non-null value, so the cast may keep NOT NULL.
            projects.add(ref.getType().equals(type) ? ref : rexBuilder.makeAbstractCast(type, ref, false));
        }
        return LogicalProject.create(rel, List.of(), projects, target, Set.of());
    }
}
