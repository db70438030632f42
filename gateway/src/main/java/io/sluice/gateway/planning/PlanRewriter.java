package io.sluice.gateway.planning;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.session.SessionContext;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.sql.SqlNode;

/**
 * The one place a validated logical plan may be changed before the optimizer sees it. Policy
 * enforcement plugs in here: it replaces scans of protected tables with filtered, masked ones,
 * so that nothing the user wrote (and nothing the optimizer does afterwards) reaches raw rows.
 *
 * <p>The plan it receives has no sub-queries left (they are turned into joins first), so a
 * rewriter only has to visit relational nodes.
 */
@FunctionalInterface
public interface PlanRewriter {
    /** No policy: the plan as written, with what it reads. */
    PlanRewriter NONE = (plan, context) -> new Rewritten(plan, AccessSummary.unchecked(context.tablesRead()));

    Rewritten rewrite(RelNode plan, RewriteContext context);

    /** What a rewriter may use besides the plan. */
    interface RewriteContext {
        SessionContext session();

        /** The statement as the client sent it (after catalog normalisation). */
        String sql();

        /** Every source table the plan scans, with the columns the statement actually reads. */
        List<AccessSummary.TableRead> tablesRead();

        /**
         * Validates and converts a query built by the rewriter (e.g. a table's filtered, masked
         * rows) into a logical plan in the statement's cluster, so it can replace a scan.
         */
        RelNode toRel(SqlNode query);
    }

    record Rewritten(RelNode plan, AccessSummary access) {
        public Rewritten {
            requireNonNull(plan, "plan is null");
            requireNonNull(access, "access is null");
        }
    }
}
