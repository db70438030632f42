package io.sluice.gateway.policy.bench;

import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.engine.Engine;
import io.sluice.gateway.planning.Catalog;
import io.sluice.gateway.planning.PlanRewriter;
import io.sluice.gateway.planning.PlannedQuery;
import io.sluice.gateway.planning.SqlPlanner;
import io.sluice.gateway.policy.MaskFunctions;
import io.sluice.gateway.policy.PolicyEnforcer;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.testing.DemoEngines;
import io.sluice.gateway.testing.SharedDemoDatabases;
import io.sluice.policies.engine.CachingPolicyEngine;
import io.sluice.policies.engine.PolicyEngine;
import io.sluice.policies.engine.PolicyEngines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What policy costs a statement: planning the same statement for the same analyst with policy
 * enforcement (one decision by the embedded engine over the default bundle, plus the rewrite of
 * the protected scans) and without it, on the same catalog. {@code planWithPolicy} has decisions
 * uncached, so every planning evaluates Rego; {@code planWithPolicyDecisionCached} is the steady
 * state of a running gateway, where the decision cache (TTL 30 s) answers and the rest of the
 * policy work (checks and rewrite) runs. The overhead is the difference of medians against
 * {@code planWithoutPolicy}; nothing here uses the plan cache. {@code cachedStatement} (and
 * {@code cachedStatementWithoutPolicy}, an engine without policy)
 * is a repeated statement through the engine (plan cache and decision cache on): the warm cost
 * of planning plus policy when nothing changed. Needs the demo databases (started in setup).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyOverheadBenchmark {
    static final String SQL = "select p.email, p.phone, p.region, c.c_name from sales.people p"
            + " join crm.customer c on c.c_custkey = p.customer_key where p.id < 500";
    static final SessionContext ANA = new SessionContext("ana", List.of("analysts"), Map.of("region", "EU"));

    private Catalog catalog;
    private PolicyEngine decisions;
    private SqlPlanner withoutPolicy;
    private SqlPlanner withPolicy;
    private SqlPlanner withPolicyDecisionCached;
    private Engine engine;
    private Engine engineWithoutPolicy;
    private final RewriteTimer rewriteTimer = new RewriteTimer();

    @Setup(Level.Trial)
    public void start() {
        // Run from the gateway module (as the tests are), or from the repository root.
        Path bundle = java.nio.file.Files.isDirectory(Path.of("../policies/bundle"))
                ? Path.of("../policies/bundle").toAbsolutePath() : Path.of("policies/bundle").toAbsolutePath();
        SluiceConfig config = DemoEngines.withPolicy(SharedDemoDatabases.get(), bundle);
        catalog = Catalog.open(config.sources());
        MaskFunctions.register(catalog.root());
        decisions = PolicyEngines.start(config.policy().orElseThrow());
        withoutPolicy = new SqlPlanner(catalog, PlanRewriter.NONE);
        withPolicy = new SqlPlanner(catalog, new PolicyEnforcer(decisions, catalog.sources()));
        withPolicyDecisionCached = new SqlPlanner(catalog, rewriteTimer.around(
                new PolicyEnforcer(new CachingPolicyEngine(decisions, Duration.ofSeconds(30)), catalog.sources())));
        engine = Engine.start(config.withPolicy(config.policy().orElseThrow().withCacheTtl(Duration.ofSeconds(30))));
        engineWithoutPolicy = Engine.start(DemoEngines.config(SharedDemoDatabases.get()));
    }

    @TearDown(Level.Trial)
    public void stop() {
        engine.close();
        engineWithoutPolicy.close();
        decisions.close();
        catalog.close();
    }

    @Benchmark
    public PlannedQuery planWithoutPolicy() {
        return withoutPolicy.plan(SQL, ANA);
    }

    @Benchmark
    public PlannedQuery planWithPolicy() {
        return withPolicy.plan(SQL, ANA);
    }

    @Benchmark
    public PlannedQuery planWithPolicyDecisionCached() {
        return withPolicyDecisionCached.plan(SQL, ANA);
    }

    @Benchmark
    public PlannedQuery cachedStatement() {
        return engine.plan(SQL, ANA);
    }

    @Benchmark
    public PlannedQuery cachedStatementWithoutPolicy() {
        return engineWithoutPolicy.plan(SQL, ANA);
    }

    /** CPU nanoseconds of the policy step (decision and rewrite) in the last {@code planWithPolicyDecisionCached}. */
    long lastRewriteCpuNanos() {
        return rewriteTimer.last;
    }

    /** Measures the policy step alone: the enforcer's decision and rewrite, inside a planning. */
    static final class RewriteTimer {
        private static final java.lang.management.ThreadMXBean THREADS =
                java.lang.management.ManagementFactory.getThreadMXBean();
        volatile long last;

        PlanRewriter around(PlanRewriter rewriter) {
            return (plan, context) -> {
                long before = THREADS.getCurrentThreadCpuTime();
                try {
                    return rewriter.rewrite(plan, context);
                } finally {
                    last = THREADS.getCurrentThreadCpuTime() - before;
                }
            };
        }
    }
}
