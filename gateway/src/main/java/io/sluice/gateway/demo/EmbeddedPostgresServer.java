package io.sluice.gateway.demo;

import static java.util.Objects.requireNonNull;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL 18 server run from the zonky binaries (Maven Central), listening on 127.0.0.1 only.
 *
 * <p>The data directory survives restarts: zonky runs initdb only when {@code postgresql.conf} is missing.
 * The superuser {@code postgres} is trusted on localhost (zonky's initdb uses {@code -A trust}); every other
 * role must present its password (SCRAM), so the {@code sluice} login's password means something.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    static final String SUPERUSER = "postgres";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = requireNonNull(postgres, "postgres");
        this.dataDir = requireNonNull(dataDir, "dataDir");
    }

    /**
     * Starts the server with its data in {@code baseDir/data} and its log in {@code baseDir/postgres.log}.
     * zonky unpacks the binaries once per machine into {@code java.io.tmpdir/embedded-pg} (it caches that
     * location per JVM anyway, so a per-workDir directory would only be honoured for the first start).
     *
     * @param port TCP port, 0 for a free one
     */
    static EmbeddedPostgresServer start(Path baseDir, int port) {
        Path dataDir = baseDir.resolve("data");
        Path logFile = baseDir.resolve("postgres.log");
        try {
            Files.createDirectories(baseDir);
            StaleServers.stopStalePostgres(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // The caller owns the lifecycle (DemoDatabases.close, its own shutdown hook).
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setDataDirectoryCustomizer(EmbeddedPostgresServer::writeHba)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("maintenance_work_mem", "256MB")
                    .setServerConfig("work_mem", "16MB")
                    // Demo data can be regenerated, so trade crash durability for load speed.
                    .setServerConfig("synchronous_commit", "off")
                    // Lets a COPY into a table truncated in the same transaction skip the WAL entirely.
                    .setServerConfig("wal_level", "minimal")
                    .setServerConfig("max_wal_senders", "0")
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("checkpoint_timeout", "30min")
                    .setServerConfig("timezone", "UTC")
                    .setServerConfig("password_encryption", "scram-sha-256");
            if (port != 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            LOG.info("PostgreSQL started on 127.0.0.1:{} with data in {}", postgres.getPort(), dataDir);
            return new EmbeddedPostgresServer(postgres, dataDir);
        } catch (IOException | RuntimeException e) {
            throw new DemoDatabaseException("embedded PostgreSQL failed to start in " + dataDir + ": "
                    + describe(e) + " (server log: " + logFile + ")", e);
        }
    }

    int port() {
        return postgres.getPort();
    }

    Path dataDirectory() {
        return dataDir;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    Connection connectAsSuperuser(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    @Override
    public void close() {
        try {
            postgres.close();
            LOG.info("PostgreSQL stopped ({})", dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL failed to stop cleanly in " + dataDir, e);
        }
    }

    /** Local superuser stays trusted; every other role needs its password over TCP. */
    private static void writeHba(File dataDir) {
        String hba = """
                # Written by Sluice's demo on every start.
                local all all                trust
                host  all postgres 127.0.0.1/32 trust
                host  all postgres ::1/128      trust
                host  all all      127.0.0.1/32 scram-sha-256
                host  all all      ::1/128      scram-sha-256
                """;
        try {
            Files.writeString(dataDir.toPath().resolve("pg_hba.conf"), hba);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pg_hba.conf in " + dataDir, e);
        }
    }

    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!sb.isEmpty()) {
                sb.append(" <- ");
            }
            sb.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }
}
