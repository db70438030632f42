package io.sluice.gateway.planning;

import io.sluice.gateway.session.SessionContext;
import org.apache.calcite.rel.RelNode;

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
    PlanRewriter NONE = (plan, session) -> plan;

    RelNode rewrite(RelNode plan, SessionContext session);
}
