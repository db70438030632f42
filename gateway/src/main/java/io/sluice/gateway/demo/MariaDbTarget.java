package io.sluice.gateway.demo;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Loads tables into one MariaDB database with {@code LOAD DATA LOCAL INFILE}: each part is written to a
 * temporary file first (the driver streams a named file to the server). Tables are created with their
 * primary key, since InnoDB clusters rows by it and the generators emit rows in key order; secondary
 * indexes come after the data. The load marker is a row in {@code sluice_demo.load_marker}.
 */
final class MariaDbTarget implements LoadTarget {

    static final String META_DATABASE = "sluice_demo";

    private final EmbeddedMariaDbServer server;
    private final String database;
    private final List<TableSpec> tables;
    private final Path tmpDir;

    MariaDbTarget(EmbeddedMariaDbServer server, String database, List<TableSpec> tables, Path tmpDir) {
        this.server = requireNonNull(server, "server");
        this.database = requireNonNull(database, "database");
        this.tables = List.copyOf(tables);
        this.tmpDir = requireNonNull(tmpDir, "tmpDir");
    }

    /** Creates or updates the read-only login with SELECT on {@code database}; runs on every start. */
    static void ensureReader(EmbeddedMariaDbServer server, String user, String password, String database)
            throws SQLException {
        String account = "'" + user + "'@'%'";
        String pw = DemoUtil.mariaString(password);
        try (Connection c = server.connectAsAdmin(); Statement st = c.createStatement()) {
            st.execute("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY " + pw);
            st.execute("ALTER USER " + account + " IDENTIFIED BY " + pw);
            st.execute("GRANT SELECT ON " + database + ".* TO " + account);
        }
    }

    @Override
    public String name() {
        return "MariaDB " + database;
    }

    @Override
    public List<TableSpec> tables() {
        return tables;
    }

    @Override
    public boolean isLoaded(double scaleFactor) throws SQLException {
        try (Connection c = server.connectAsAdmin(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE"
                    + " table_schema = '" + META_DATABASE + "' AND table_name = 'load_marker'")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT m.scale_factor, m.data_version FROM "
                    + META_DATABASE + ".load_marker m JOIN information_schema.schemata s"
                    + " ON s.schema_name = m.database_name WHERE m.database_name = ?")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!(rs.next() && Double.parseDouble(rs.getString(1)) == scaleFactor
                            && rs.getInt(2) == DATA_VERSION)) {
                        return false;
                    }
                }
            }
            return hasAllTables(c);
        }
    }

    /** The same scale factor may be loaded with another set of tables (nation and region come and go). */
    private boolean hasAllTables(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM information_schema.tables"
                + " WHERE table_schema = ? AND table_name = ?")) {
            for (TableSpec table : tables) {
                ps.setString(1, database);
                ps.setString(2, table.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getInt(1) == 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Override
    public void prepare() throws SQLException {
        try (Connection c = server.connectAsAdmin(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS " + META_DATABASE);
            st.execute("CREATE TABLE IF NOT EXISTS " + META_DATABASE + ".load_marker (database_name VARCHAR(64)"
                    + " NOT NULL PRIMARY KEY, scale_factor VARCHAR(32) NOT NULL, data_version INT NOT NULL,"
                    + " load_millis BIGINT NOT NULL, loaded_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)");
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + META_DATABASE
                    + ".load_marker WHERE database_name = ?")) {
                ps.setString(1, database);
                ps.executeUpdate();
            }
            st.execute("DROP DATABASE IF EXISTS " + database);
            st.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            for (TableSpec table : tables) {
                st.execute(table.createTableSql(database + "." + table.name(), TableSpec.Dialect.MARIADB, true));
            }
        }
    }

    @Override
    public long loadPart(TableSpec table, int part, int partCount) throws Exception {
        Files.createDirectories(tmpDir);
        Path file = tmpDir.resolve("load-" + database + "-" + table.name() + "-" + part + "-of-" + partCount + ".tsv");
        try {
            long rows;
            try (OutputStream os = Files.newOutputStream(file)) {
                RowWriter out = new RowWriter((bytes, length) -> os.write(bytes, 0, length));
                table.rows().write(out, part, partCount);
                rows = out.finish();
            }
            try (Connection c = server.connectAsAdmin(); Statement st = c.createStatement()) {
                st.execute("SET SESSION unique_checks = 0, foreign_key_checks = 0");
                long loaded = st.executeLargeUpdate("LOAD DATA LOCAL INFILE " + DemoUtil.mariaString(file.toString())
                        + " INTO TABLE " + database + "." + table.name() + " CHARACTER SET utf8mb4"
                        + " FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'"
                        + " (" + String.join(", ", table.columnNames()) + ")");
                if (loaded != rows) {
                    throw new SQLException("LOAD DATA loaded " + loaded + " of " + rows + " rows into "
                            + database + "." + table.name() + " (warnings: " + warnings(st) + ")");
                }
                return loaded;
            }
        } finally {
            deleteQuietly(file);
        }
    }

    @Override
    public void finishTable(TableSpec table) throws SQLException {
        try (Connection c = server.connectAsAdmin(); Statement st = c.createStatement()) {
            for (List<String> index : table.indexes()) {
                st.execute("CREATE INDEX " + table.name() + "_" + String.join("_", index) + "_idx ON " + database
                        + "." + table.name() + " (" + String.join(", ", index) + ")");
            }
            st.execute("ANALYZE TABLE " + database + "." + table.name());
        }
    }

    @Override
    public void finish(double scaleFactor, long loadMillis) throws SQLException {
        try (Connection c = server.connectAsAdmin();
             PreparedStatement ps = c.prepareStatement("REPLACE INTO " + META_DATABASE + ".load_marker"
                     + " (database_name, scale_factor, data_version, load_millis) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, database);
            ps.setString(2, Double.toString(scaleFactor));
            ps.setInt(3, DATA_VERSION);
            ps.setLong(4, loadMillis);
            ps.executeUpdate();
        }
    }

    private static String warnings(Statement st) throws SQLException {
        StringBuilder sb = new StringBuilder();
        for (var w = st.getWarnings(); w != null && sb.length() < 500; w = w.getNextWarning()) {
            sb.append(w.getMessage()).append("; ");
        }
        return sb.toString();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temp file is harmless; the next load overwrites it.
        }
    }
}
