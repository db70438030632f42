package io.sluice.gateway.demo;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * How to start the demo databases.
 *
 * @param workDir       everything lives below here: {@code postgres/}, {@code mariadb/}, {@code files/}
 * @param scaleFactor   TPC-H scale factor (0.01 for the demo and tests, 1 for the benchmark)
 * @param postgresPort  TCP port for PostgreSQL on 127.0.0.1, 0 picks a free one
 * @param mariadbPort   TCP port for MariaDB on 127.0.0.1, 0 picks a free one
 * @param loadReference whether to also build the {@code tpch_reference} database (all eight TPC-H tables)
 * @param password      password of the read-only {@code sluice} login in both databases
 * @param nationRegionInMariaDb whether nation and region are also tables of the MariaDB {@code crm} database
 *                      (the benchmark's layout); the demo keeps them as files only
 */
public record DemoSettings(Path workDir, double scaleFactor, int postgresPort, int mariadbPort,
                           boolean loadReference, String password, boolean nationRegionInMariaDb) {

    public static final double DEFAULT_SCALE_FACTOR = 0.01;
    public static final String DEFAULT_PASSWORD = "sluice-demo";
    public static final double MIN_SCALE_FACTOR = 0.01;
    public static final double MAX_SCALE_FACTOR = 100;

    public DemoSettings {
        requireNonNull(workDir, "workDir");
        requireNonNull(password, "password");
        workDir = workDir.toAbsolutePath().normalize();
        // Below SF 0.01 (fewer than 100 suppliers) the TPC-H partsupp formula repeats (partkey, suppkey)
        // pairs, so the primary key cannot be built; above 100 the disk fills up.
        if (!(scaleFactor >= MIN_SCALE_FACTOR && scaleFactor <= MAX_SCALE_FACTOR)) {
            throw new IllegalArgumentException("scaleFactor must be between " + MIN_SCALE_FACTOR + " and "
                    + MAX_SCALE_FACTOR + " (TPC-H partsupp keys repeat below 0.01), got " + scaleFactor);
        }
        checkPort("postgresPort", postgresPort);
        checkPort("mariadbPort", mariadbPort);
        if (password.isBlank()) {
            throw new IllegalArgumentException("password must not be blank");
        }
    }

    /** The demo's layout: nation and region as files only. */
    public DemoSettings(Path workDir, double scaleFactor, int postgresPort, int mariadbPort, boolean loadReference,
                        String password) {
        this(workDir, scaleFactor, postgresPort, mariadbPort, loadReference, password, false);
    }

    /** The demo's layout with the default password {@value #DEFAULT_PASSWORD}. */
    public DemoSettings(Path workDir, double scaleFactor, int postgresPort, int mariadbPort, boolean loadReference) {
        this(workDir, scaleFactor, postgresPort, mariadbPort, loadReference, DEFAULT_PASSWORD);
    }

    /** SF 0.01, free ports, reference database loaded, default password. */
    public static DemoSettings defaults(Path workDir) {
        return new DemoSettings(workDir, DEFAULT_SCALE_FACTOR, 0, 0, true, DEFAULT_PASSWORD, false);
    }

    public DemoSettings withScaleFactor(double newScaleFactor) {
        return new DemoSettings(workDir, newScaleFactor, postgresPort, mariadbPort, loadReference, password,
                nationRegionInMariaDb);
    }

    public DemoSettings withPorts(int newPostgresPort, int newMariadbPort) {
        return new DemoSettings(workDir, scaleFactor, newPostgresPort, newMariadbPort, loadReference, password,
                nationRegionInMariaDb);
    }

    public DemoSettings withLoadReference(boolean newLoadReference) {
        return new DemoSettings(workDir, scaleFactor, postgresPort, mariadbPort, newLoadReference, password,
                nationRegionInMariaDb);
    }

    public DemoSettings withPassword(String newPassword) {
        return new DemoSettings(workDir, scaleFactor, postgresPort, mariadbPort, loadReference, newPassword,
                nationRegionInMariaDb);
    }

    public DemoSettings withNationRegionInMariaDb(boolean inMariaDb) {
        return new DemoSettings(workDir, scaleFactor, postgresPort, mariadbPort, loadReference, password, inMariaDb);
    }

    /** Keeps the password out of logs. */
    @Override
    public String toString() {
        return "DemoSettings[workDir=" + workDir + ", scaleFactor=" + scaleFactor + ", postgresPort=" + postgresPort
                + ", mariadbPort=" + mariadbPort + ", loadReference=" + loadReference
                + ", nationRegionInMariaDb=" + nationRegionInMariaDb + ", password=***]";
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0 (free port) or 1-65535, got " + port);
        }
    }
}
