package io.sluice.gateway.engine;

import io.sluice.connectors.Source;
import static java.util.Objects.requireNonNull;

import io.sluice.connectors.jdbc.FragmentRun;
import io.sluice.gateway.audit.AuditLog;
import io.sluice.gateway.catalog.PgCatalogSql;
import io.sluice.gateway.config.ConfigException;
import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.error.ErrorTranslator;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.error.SqlState;
import io.sluice.gateway.execution.QueryRunner;
import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.metering.OperatorStats;
import io.sluice.gateway.metering.StatementMemory;
import io.sluice.gateway.planning.AccessSummary;
import io.sluice.gateway.planning.Catalog;
import io.sluice.gateway.planning.ConfiguredViews;
import io.sluice.gateway.planning.PlanCache;
import io.sluice.gateway.planning.PlanRewriter;
import io.sluice.gateway.planning.PlannedQuery;
import io.sluice.gateway.planning.ResultColumn;
import io.sluice.gateway.planning.SqlPlanner;
import io.sluice.gateway.planning.StatementText;
import io.sluice.gateway.policy.MaskFunctions;
import io.sluice.gateway.policy.PolicyCatalogVisibility;
import io.sluice.gateway.policy.PolicyEnforcer;
import io.sluice.gateway.policy.PolicyExplain;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.sys.RunningStatements;
import io.sluice.gateway.sys.SysSchema;
import io.sluice.policies.engine.PolicyEngine;
import io.sluice.policies.engine.PolicyEngines;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The federated SQL engine behind every front door (the wire protocol, the command line): plan a
 * statement for a session under policy, run it, hand back its rows, and audit it.
 *
 * <pre>
 *  statement ─▶ audit: refuse if the log is down ─▶ plan (cached per text, user, bundle revision;
 *            policy decides and rewrites) ─▶ run ─▶ rows ─▶ audit record written ─▶ end reported
 * </pre>
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final List<ResultColumn> PLAN_COLUMNS = List.of(
            new ResultColumn("QUERY PLAN", SqlTypeName.VARCHAR, -1, 0, false, Optional.empty()));
    /** Plans live at most this long; with policies on, no longer than a decision may be reused. */
    private static final Duration PLAN_TTL = Duration.ofMinutes(1);
    private static final int PLAN_CACHE_ENTRIES = 2_000;

    private final Catalog catalog;
    private final SqlPlanner planner;
    private final QueryRunner runner;
    private final Optional<PolicyEngine> policy;
    private final PlanCache<PlannedQuery> plans;
    private final AuditLog auditLog;
    private final StatementAudit audit;

    private Engine(Catalog catalog, SqlPlanner planner, QueryRunner runner, Optional<PolicyEngine> policy,
            Duration planTtl, AuditLog auditLog, RunningStatements running) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.planner = requireNonNull(planner, "planner is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.plans = new PlanCache<>(planTtl, PLAN_CACHE_ENTRIES);
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        this.audit = new StatementAudit(auditLog, Clock.systemUTC(), running);
    }

    /**
     * Opens the audit log, the sources and, when the configuration has a {@code policy:} section,
     * the policy engine that every statement and every catalog listing goes through.
     */
    public static Engine start(SluiceConfig config) {
        if (config.sources().stream().anyMatch(s -> s.name().equalsIgnoreCase(SysSchema.NAME))) {
            throw new ConfigException(config.file(), "sources", "no source may be named '" + SysSchema.NAME
                    + "': that schema holds Sluice's own tables (sys.audit, sys.queries); rename the source");
        }
        AuditLog auditLog = AuditLog.open(config.audit());
        RunningStatements running = new RunningStatements();
        Optional<PolicyEngine> policy = Optional.empty();
        try {
            if (config.policy().isEmpty()) {
                LOG.warn("No policy section in {}: every user can read every table. Add `policy:` to enforce one.",
                        config.file());
                Catalog catalog = Catalog.open(config.sources());
                addOwnObjects(catalog, config, running);
                SqlPlanner planner = withViews(catalog, new SqlPlanner(catalog, PlanRewriter.NONE), config);
                return new Engine(catalog, planner, runner(config, catalog), policy, PLAN_TTL, auditLog, running);
            }
            PolicyEngine decisions = PolicyEngines.start(config.policy().get());
            policy = Optional.of(decisions);
            AtomicReference<PolicyEnforcer> enforcer = new AtomicReference<>();
            Catalog catalog = Catalog.open(config.sources(), sources -> {
                enforcer.set(new PolicyEnforcer(decisions, sources));
                return new PolicyCatalogVisibility(enforcer.get(), sources);
            });
            addOwnObjects(catalog, config, running);
            Duration planTtl = config.policy().get().cacheTtl().compareTo(PLAN_TTL) < 0
                    ? config.policy().get().cacheTtl() : PLAN_TTL;
            SqlPlanner planner = withViews(catalog, new SqlPlanner(catalog, enforcer.get()), config);
            return new Engine(catalog, planner, runner(config, catalog), policy, planTtl, auditLog, running);
        } catch (RuntimeException e) {
            policy.ifPresent(PolicyEngine::close);
            auditLog.close();
            throw e;
        }
    }

    private static QueryRunner runner(SluiceConfig config, Catalog catalog) {
        return new QueryRunner(config.limits(), StatementMemory.Pool.ofHeap(),
                name -> catalog.sources().get(name));
    }

    /** The views of the configuration, each checked now so that a broken one stops start-up. */
    private static SqlPlanner withViews(Catalog catalog, SqlPlanner planner, SluiceConfig config) {
        try {
            ConfiguredViews.register(config.file(), catalog, planner, config.views()).check();
        } catch (RuntimeException e) {
            catalog.close();
            throw e;
        }
        return planner;
    }

    /** The mask functions policies use, and the {@code sys} tables. */
    private static void addOwnObjects(Catalog catalog, SluiceConfig config, RunningStatements running) {
        MaskFunctions.register(catalog.root());
        SysSchema.register(catalog.root(), config.audit().directory(), running);
    }

    public Catalog catalog() {
        return catalog;
    }

    /**
     * Plans a statement without running it (a prepared statement's Parse). A statement that
     * cannot be planned — bad SQL, denied by policy — is audited here, since it never runs.
     */
    public PlannedQuery plan(String sql, SessionContext session) {
        try {
            return cachedPlan(sql, session);
        } catch (SluiceException e) {
            audit.failed(audit.begin(session, sql, "select"), e);
            throw e;
        }
    }

    /** Runs a statement planned by {@link #plan}, with one value per {@code ?} placeholder. */
    public ResultCursor execute(PlannedQuery query, List<Object> parameters, SessionContext session) {
        StatementAudit.Statement statement = audit.begin(session, query.sql(), "select");
        ResultCursor cursor;
        try {
            cursor = runner.start(query, parameters, session);
        } catch (SluiceException e) {
            audit.failed(statement, e);
            throw e;
        }
        audit.attach(statement, cursor, query.access());
        return cursor;
    }

    /**
     * Runs one statement. {@code EXPLAIN} answers with the plan and each source's SQL;
     * {@code EXPLAIN ANALYZE} also runs it and adds the rows and time of every source fragment;
     * {@code EXPLAIN (POLICY)} shows the decision and rewrite to admins and auditors.
     */
    public ResultCursor execute(String text, SessionContext session) {
        StatementText statement = StatementText.of(PgCatalogSql.normalise(text));
        String kind = statement.policy() ? "explain policy"
                : statement.analyze() ? "explain analyze" : statement.explain() ? "explain" : "select";
        StatementAudit.Statement audited = audit.begin(session, text, kind);
        ResultCursor cursor;
        AccessSummary access;
        try {
            if (statement.policy()) {
                cursor = ResultCursor.ofRows(text, PLAN_COLUMNS, asRows(explainPolicyFor(statement.sql(), session)));
                access = AccessSummary.unchecked(List.of());
            } else {
                PlannedQuery query = planShifted(statement, session);
                cursor = statement.explain() ? explained(text, statement, query, session)
                        : runner.start(query, session);
                access = query.access();
            }
        } catch (SluiceException e) {
            // Every statement that began ends with a record, also one that failed before it had rows.
            audit.failed(audited, e);
            throw e;
        }
        audit.attach(audited, cursor, access);
        return cursor;
    }

    /** The answer to EXPLAIN and EXPLAIN ANALYZE, which runs the statement to measure it. */
    private ResultCursor explained(String text, StatementText statement, PlannedQuery query,
            SessionContext session) {
        String plan = statement.analyze() ? analyze(query, session) : query.explain()
                + runner.forwardingSource(query).map(source -> "Rows forwarded from " + source
                        + " as it encodes them, when its columns are of plain types\n").orElse("");
        return ResultCursor.ofRows(text, PLAN_COLUMNS, asRows(List.of(plan.split("\n"))));
    }

    private PlannedQuery planShifted(StatementText statement, SessionContext session) {
        try {
            return cachedPlan(statement.sql(), session);
        } catch (SluiceException e) {
            throw e.shiftedBy(statement.offset());
        }
    }

    /** Plans through the cache; every planning failure comes out as a {@link SluiceException}. */
    private PlannedQuery cachedPlan(String sql, SessionContext session) {
        String revision = policy.map(PolicyEngine::revision).orElse("");
        try {
            return plans.get(sql, session, revision, () -> planner.plan(sql, session));
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            // Calcite signals some planning failures with assertions; none may escape as a crash.
            throw ErrorTranslator.translate(e, sql);
        }
    }

    private List<String> explainPolicyFor(String sql, SessionContext session) {
        if (PolicyExplain.ALLOWED_GROUPS.stream().noneMatch(session::inGroup)) {
            throw new SluiceException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: EXPLAIN (POLICY) is for "
                    + "members of " + String.join(" or ", PolicyExplain.ALLOWED_GROUPS));
        }
        return explainPolicy(sql, session);
    }

    /**
     * The dry run behind {@code EXPLAIN (POLICY)} and {@code sluice policy explain}: what the
     * policy decides for {@code session} and what each source would receive. Plans, never runs.
     */
    public List<String> explainPolicy(String sql, SessionContext session) {
        try {
            return PolicyExplain.allowed(cachedPlan(PgCatalogSql.normalise(sql), session));
        } catch (SluiceException e) {
            if (e.state() == SqlState.INSUFFICIENT_PRIVILEGE) {
                return PolicyExplain.denied(e.getMessage());
            }
            throw e;
        }
    }

    private static List<Object[]> asRows(List<String> lines) {
        return lines.stream().map(line -> new Object[] {line}).toList();
    }

    /** Runs the statement with every operator metered: the plan with actual rows and time, then each fragment's. */
    private String analyze(PlannedQuery query, SessionContext session) {
        List<RelNode> operators = new ArrayList<>();
        PlannedQuery measured = planner.instrumented(query, operators);
        OperatorStats stats = new OperatorStats(operators.size());
        long start = System.nanoTime();
        long rows = 0;
        List<FragmentRun> runs;
        List<String> notes;
        try (ResultCursor cursor = runner.startMeasured(measured, session, stats)) {
            while (cursor.next()) {
                rows++;
            }
            runs = cursor.fragments().runs();
            notes = cursor.fragments().notes();
        }
        StringBuilder text = new StringBuilder(measured.explain(stats));
        text.append(String.format("Execution: %d rows in %.1f ms%n", rows, (System.nanoTime() - start) / 1e6));
        for (FragmentRun run : runs) {
            text.append(String.format("  source %s: %d rows in %.1f ms%n", run.source(), run.rows(),
                    run.elapsed().toNanos() / 1e6));
        }
        notes.forEach(note -> text.append("  ").append(note).append('\n'));
        return text.toString();
    }

    @Override
    public void close() {
        policy.ifPresent(PolicyEngine::close);
        catalog.close();
        auditLog.close();
    }
}
