package io.sluice.gateway.engine;

import static java.util.Objects.requireNonNull;

import io.sluice.connectors.jdbc.FragmentRun;
import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.error.ErrorTranslator;
import io.sluice.gateway.execution.QueryRunner;
import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.planning.Catalog;
import io.sluice.gateway.catalog.PgCatalogSql;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.error.SqlState;
import io.sluice.gateway.policy.MaskFunctions;
import io.sluice.gateway.policy.PolicyExplain;
import io.sluice.gateway.policy.PolicyCatalogVisibility;
import io.sluice.gateway.policy.PolicyEnforcer;
import io.sluice.policies.engine.PolicyEngine;
import io.sluice.policies.engine.PolicyEngines;
import io.sluice.gateway.planning.PlanCache;
import io.sluice.gateway.planning.PlanRewriter;
import io.sluice.gateway.planning.PlannedQuery;
import io.sluice.gateway.planning.ResultColumn;
import io.sluice.gateway.planning.SqlPlanner;
import io.sluice.gateway.planning.StatementText;
import io.sluice.gateway.session.SessionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The federated SQL engine behind every front door (the command line today, the wire protocol
 * next): plan a statement for a session, run it, hand back its rows.
 */
public final class Engine implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Engine.class);
    private static final List<ResultColumn> PLAN_COLUMNS = List.of(
            new ResultColumn("QUERY PLAN", SqlTypeName.VARCHAR, -1, 0, false, Optional.empty()));

    private final Catalog catalog;
    private final SqlPlanner planner;
    private final QueryRunner runner;

    /** Plans live at most this long; with policies on, no longer than a decision may be reused. */
    private static final java.time.Duration PLAN_TTL = java.time.Duration.ofMinutes(1);
    private static final int PLAN_CACHE_ENTRIES = 2_000;

    private final Optional<PolicyEngine> policy;
    private final PlanCache<PlannedQuery> plans;

    private Engine(Catalog catalog, SqlPlanner planner, QueryRunner runner, Optional<PolicyEngine> policy,
            java.time.Duration planTtl) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.planner = requireNonNull(planner, "planner is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.plans = new PlanCache<>(planTtl, PLAN_CACHE_ENTRIES);
    }

    /**
     * Opens the sources and, when the configuration has a {@code policy:} section, the policy
     * engine that every statement and every catalog listing goes through.
     */
    public static Engine start(SluiceConfig config) {
        if (config.policy().isEmpty()) {
            LOG.warn("No policy section in {}: every user can read every table. Add `policy:` to enforce one.",
                    config.file());
            Catalog catalog = Catalog.open(config.sources());
            MaskFunctions.register(catalog.root());
            return new Engine(catalog, new SqlPlanner(catalog, PlanRewriter.NONE),
                    new QueryRunner(config.limits().statementTimeout()), Optional.empty(), PLAN_TTL);
        }
        PolicyEngine engine = PolicyEngines.start(config.policy().get());
        try {
            var enforcer = new java.util.concurrent.atomic.AtomicReference<PolicyEnforcer>();
            Catalog catalog = Catalog.open(config.sources(), sources -> {
                enforcer.set(new PolicyEnforcer(engine, sources));
                return new PolicyCatalogVisibility(enforcer.get(), sources);
            });
            MaskFunctions.register(catalog.root());
            return new Engine(catalog, new SqlPlanner(catalog, enforcer.get()),
                    new QueryRunner(config.limits().statementTimeout()), Optional.of(engine),
                    min(PLAN_TTL, config.policy().get().cacheTtl()));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    public Catalog catalog() {
        return catalog;
    }

    /** Plans a statement without running it. */
    public PlannedQuery plan(String sql, SessionContext session) {
        try {
            return cachedPlan(sql, session);
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            // Calcite signals some planning failures with assertions; none may escape as a crash.
            throw ErrorTranslator.translate(e, sql);
        }
    }

    /** Runs a statement planned by {@link #plan}, with one value per {@code ?} placeholder. */
    public ResultCursor execute(PlannedQuery query, List<Object> parameters, SessionContext session) {
        return runner.start(query, parameters, session);
    }

    /**
     * Runs one statement. {@code EXPLAIN} answers with the plan and each source's SQL;
     * {@code EXPLAIN ANALYZE} also runs it and adds the rows and time of every source fragment.
     */
    public ResultCursor execute(String text, SessionContext session) {
        StatementText statement = StatementText.of(io.sluice.gateway.catalog.PgCatalogSql.normalise(text));
        if (statement.policy()) {
            return explainPolicy(text, statement, session);
        }
        PlannedQuery query;
        try {
            query = cachedPlan(statement.sql(), session);
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            throw ErrorTranslator.translate(e, statement.sql()).shiftedBy(statement.offset());
        }
        if (!statement.explain()) {
            return runner.start(query, session);
        }
        String plan = query.explain();
        if (statement.analyze()) {
            plan = analyze(query, session, plan);
        }
        List<Object[]> rows = new ArrayList<>();
        for (String line : plan.split("\n")) {
            rows.add(new Object[] {line});
        }
        return ResultCursor.ofRows(text, PLAN_COLUMNS, rows);
    }

    private PlannedQuery cachedPlan(String sql, SessionContext session) {
        String revision = policy.map(PolicyEngine::revision).orElse("");
        return plans.get(sql, session, revision, () -> planner.plan(sql, session));
    }

    private static java.time.Duration min(java.time.Duration a, java.time.Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** {@code EXPLAIN (POLICY)}: the decision and rewrite of a statement, for admins and auditors. */
    private ResultCursor explainPolicy(String text, StatementText statement, SessionContext session) {
        if (PolicyExplain.ALLOWED_GROUPS.stream().noneMatch(session::inGroup)) {
            throw new SluiceException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: EXPLAIN (POLICY) is for "
                    + "members of " + String.join(" or ", PolicyExplain.ALLOWED_GROUPS));
        }
        return ResultCursor.ofRows(text, PLAN_COLUMNS, explainPolicy(statement.sql(), session).stream()
                .map(line -> new Object[] {line}).toList());
    }

    /**
     * The dry run behind {@code EXPLAIN (POLICY)} and {@code sluice policy explain}: what the
     * policy decides for {@code session} and what each source would receive. Plans, never runs.
     */
    public List<String> explainPolicy(String sql, SessionContext session) {
        try {
            return PolicyExplain.allowed(plan(PgCatalogSql.normalise(sql), session));
        } catch (SluiceException e) {
            if (e.state() == SqlState.INSUFFICIENT_PRIVILEGE) {
                return PolicyExplain.denied(e.getMessage());
            }
            throw e;
        }
    }

    private String analyze(PlannedQuery query, SessionContext session, String plan) {
        long start = System.nanoTime();
        long rows = 0;
        List<FragmentRun> runs;
        try (ResultCursor cursor = runner.start(query, session)) {
            while (cursor.next()) {
                rows++;
            }
            runs = cursor.fragments().runs();
        }
        StringBuilder text = new StringBuilder(plan);
        text.append(String.format("Execution: %d rows in %.1f ms%n", rows, (System.nanoTime() - start) / 1e6));
        for (FragmentRun run : runs) {
            text.append(String.format("  source %s: %d rows in %.1f ms%n", run.source(), run.rows(),
                    run.elapsed().toNanos() / 1e6));
        }
        return text.toString();
    }

    @Override
    public void close() {
        policy.ifPresent(PolicyEngine::close);
        catalog.close();
    }
}
