package io.sluice.gateway.policy;

import static java.util.Objects.requireNonNull;

import io.sluice.connectors.Sources;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.error.SqlState;
import io.sluice.gateway.planning.AccessSummary;
import io.sluice.gateway.planning.PlanRewriter;
import io.sluice.gateway.planning.PolicyTable;
import io.sluice.gateway.session.SessionContext;
import io.sluice.policies.decision.Decision;
import io.sluice.policies.decision.DecisionInput;
import io.sluice.policies.decision.PolicyException;
import io.sluice.policies.engine.PolicyEngine;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Enforces policy on a statement's logical plan, before the optimizer sees it:
 *
 * <pre>
 *  plan ──▶ every source and sys table it scans (all columns, their tags)
 *       ──▶ ONE decision for the whole statement ──▶ deny? 42501 naming rule and what was denied
 *       ──▶ each scan of a restricted table  ──▶  Project(masks, Filter(row filters, Scan))
 * </pre>
 *
 * Because the replacement happens at the scan, every sub-query, CTE, view, UNION branch and
 * self-join sees only filtered, masked rows, and the optimizer afterwards can only move user
 * predicates above the masks (where they compare masked values), never under them. No decision
 * (engine down, timeout, undefined, malformed) means no statement.
 */
public final class PolicyEnforcer implements PlanRewriter {
    private static final int MAX_RESTRICTIONS = 10_000;

    private final PolicyEngine engine;
    private final PolicyInputs inputs;
    private final Map<RestrictionKey, ScanRewrite.Restriction> restrictions = new ConcurrentHashMap<>();

    public PolicyEnforcer(PolicyEngine engine, Sources sources) {
        this.engine = requireNonNull(engine, "engine is null");
        this.inputs = new PolicyInputs(sources);
    }

    @Override
    public Rewritten rewrite(RelNode plan, RewriteContext context) {
        List<AccessSummary.TableRead> read = context.tablesRead();
        Map<String, PolicyTable> tables = scannedTables(plan);
        if (tables.isEmpty()) {
            return new Rewritten(plan, AccessSummary.unchecked(read));
        }
        String decisionId = "d_" + UUID.randomUUID();
        DecisionInput input = inputs.input(context.session(), decisionId, context.sql(),
                List.copyOf(tables.values()));
        Decision decision = decide(input).withId(decisionId);
        if (!decision.allow()) {
            throw denied(denialMessage(decision));
        }
        List<String> deniedColumns = new ArrayList<>();
        for (AccessSummary.TableRead table : read) {
            Decision.TableDecision rules = decision.table(table.key());
            for (String column : table.columns()) {
                rules.deniedColumn(column).ifPresent(denial -> deniedColumns.add("column " + column + " of "
                        + table.key() + ": " + denial.message() + " (rule " + denial.rule() + ")"));
            }
        }
        if (!deniedColumns.isEmpty()) {
            throw denied(String.join("; ", deniedColumns));
        }
        Map<String, AccessSummary.TableRules> applied = new LinkedHashMap<>();
        Map<TableScan, RelNode> replaced = new IdentityHashMap<>();
        RelNode rewritten = plan.accept(new RelShuttleImpl() {
            @Override
            public RelNode visit(TableScan scan) {
                Optional<PolicyTable> table = PolicyTable.of(scan);
                if (table.isEmpty()) {
                    return scan;
                }
                String key = table.get().key();
                Decision.TableDecision rules = decision.table(key);
                if (rules.rowFilters().isEmpty() && rules.columnMasks().isEmpty()) {
                    return scan;
                }
                ScanRewrite rewrite = new ScanRewrite(scan, key, rules, context);
                applied.putIfAbsent(key, rewrite.applied());
                return replaced.computeIfAbsent(scan, s -> restriction(s, rules, rewrite, context).over(s));
            }
        });
        AccessSummary.PolicyApplied policy = new AccessSummary.PolicyApplied(decisionId, decision.revision(),
                decision.reasons(), List.copyOf(applied.values()));
        return new Rewritten(rewritten, new AccessSummary(read, Optional.of(policy)));
    }

    /**
     * The translated filters and masks for a scan. Translating means validating generated SQL, the
     * costliest step of enforcement, and its result depends only on the table, the rules and the
     * session values bound into them, so it is done once per such combination.
     */
    private ScanRewrite.Restriction restriction(TableScan scan, Decision.TableDecision rules, ScanRewrite rewrite,
            RewriteContext context) {
        SessionContext session = context.session();
        RestrictionKey key = new RestrictionKey(scan.getTable().getQualifiedName(), scan.getRowType(), rules,
                session.user(), session.groups(), session.attributes());
        ScanRewrite.Restriction known = restrictions.get(key);
        if (known != null) {
            return known;
        }
        ScanRewrite.Restriction translated = rewrite.restriction();
        if (restrictions.size() >= MAX_RESTRICTIONS) {
            restrictions.clear();
        }
        restrictions.put(key, translated);
        return translated;
    }

    private record RestrictionKey(List<String> table, RelDataType rowType, Decision.TableDecision rules,
            String user, List<String> groups, Map<String, String> attributes) {}

    /** The decision for a set of tables, or a denial when there is none. */
    Decision decide(DecisionInput input) {
        try {
            return engine.decide(input);
        } catch (PolicyException e) {
            throw denied("no policy decision (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            throw denied("no policy decision (the policy engine failed: " + e.getClass().getSimpleName() + ")");
        }
    }

    PolicyInputs inputs() {
        return inputs;
    }

    private static Map<String, PolicyTable> scannedTables(RelNode plan) {
        Map<String, PolicyTable> tables = new LinkedHashMap<>();
        plan.accept(new RelShuttleImpl() {
            @Override
            public RelNode visit(TableScan scan) {
                PolicyTable.of(scan).ifPresent(table -> tables.putIfAbsent(table.key(), table));
                return scan;
            }
        });
        return tables;
    }

    private static String denialMessage(Decision decision) {
        if (!decision.denials().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Decision.Denial d : decision.denials()) {
                parts.add(d.message() + " (rule " + d.rule() + ")");
            }
            return String.join("; ", parts);
        }
        return decision.reasons().isEmpty() ? "the policy does not allow this statement"
                : String.join("; ", decision.reasons());
    }

    static SluiceException denied(String message) {
        return new SluiceException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: " + message);
    }
}
