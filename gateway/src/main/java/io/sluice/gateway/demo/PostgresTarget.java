package io.sluice.gateway.demo;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads tables into schema {@code public} of one PostgreSQL database with {@code COPY ... FROM STDIN}.
 * Keys and indexes are built after the data is in (much faster than maintaining them row by row).
 * The load marker lives in schema {@value #META_SCHEMA} of the same database, which the reader cannot see.
 */
final class PostgresTarget implements LoadTarget {

    static final String META_SCHEMA = "sluice_demo";

    private final EmbeddedPostgresServer server;
    private final String database;
    private final List<TableSpec> tables;
    private final String reader;

    PostgresTarget(EmbeddedPostgresServer server, String database, List<TableSpec> tables, String reader) {
        this.server = requireNonNull(server, "server");
        this.database = requireNonNull(database, "database");
        this.tables = List.copyOf(tables);
        this.reader = requireNonNull(reader, "reader");
    }

    /** Creates or updates the cluster-wide read-only login; runs on every start so the password follows settings. */
    static void ensureReader(EmbeddedPostgresServer server, String user, String password) throws SQLException {
        try (Connection c = server.connectAsSuperuser("postgres"); Statement st = c.createStatement()) {
            boolean exists;
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                ps.setString(1, user);
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (!exists) {
                st.execute("CREATE ROLE " + user);
            }
            st.execute("ALTER ROLE " + user + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION"
                    + " NOBYPASSRLS PASSWORD " + DemoUtil.pgString(password));
        }
    }

    @Override
    public String name() {
        return "PostgreSQL " + database;
    }

    @Override
    public List<TableSpec> tables() {
        return tables;
    }

    @Override
    public boolean isLoaded(double scaleFactor) throws SQLException {
        try (Connection c = server.connectAsSuperuser("postgres");
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
            }
        }
        try (Connection c = server.connectAsSuperuser(database); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT to_regclass('" + META_SCHEMA + ".load_marker') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return false;
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT scale_factor, data_version FROM " + META_SCHEMA
                    + ".load_marker")) {
                return rs.next() && Double.parseDouble(rs.getString(1)) == scaleFactor
                        && rs.getInt(2) == DATA_VERSION;
            }
        }
    }

    @Override
    public void prepare() throws SQLException {
        try (Connection c = server.connectAsSuperuser("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + database + " ENCODING 'UTF8' TEMPLATE template0");
        }
        try (Connection c = server.connectAsSuperuser(database); Statement st = c.createStatement()) {
            for (TableSpec table : tables) {
                st.execute(table.createTableSql("public." + table.name(), TableSpec.Dialect.POSTGRES, false));
            }
        }
    }

    @Override
    public long loadPart(TableSpec table, int part, int partCount) throws Exception {
        try (Connection c = server.connectAsSuperuser(database)) {
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY public." + table.name()
                    + " (" + String.join(", ", table.columnNames()) + ") FROM STDIN (FORMAT text)");
            try {
                RowWriter out = new RowWriter((bytes, length) -> {
                    try {
                        copy.writeToCopy(bytes, 0, length);
                    } catch (SQLException e) {
                        throw new java.io.IOException(e.getMessage(), e);
                    }
                });
                table.rows().write(out, part, partCount);
                out.finish();
                return copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }
    }

    @Override
    public void finishTable(TableSpec table) throws SQLException {
        try (Connection c = server.connectAsSuperuser(database); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE public." + table.name() + " ADD PRIMARY KEY ("
                    + String.join(", ", table.primaryKey()) + ")");
            for (List<String> index : table.indexes()) {
                st.execute("CREATE INDEX " + table.name() + "_" + String.join("_", index) + "_idx ON public."
                        + table.name() + " (" + String.join(", ", index) + ")");
            }
            st.execute("VACUUM (ANALYZE) public." + table.name());
        }
    }

    @Override
    public void finish(double scaleFactor, long loadMillis) throws SQLException {
        try (Connection c = server.connectAsSuperuser(database); Statement st = c.createStatement()) {
            st.execute("GRANT CONNECT ON DATABASE " + database + " TO " + reader);
            st.execute("GRANT USAGE ON SCHEMA public TO " + reader);
            st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + reader);
            // Reads only: PostgreSQL 15+ already denies CREATE on public to PUBLIC; say it anyway.
            st.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            st.execute("CREATE SCHEMA " + META_SCHEMA);
            st.execute("CREATE TABLE " + META_SCHEMA + ".load_marker (scale_factor TEXT NOT NULL,"
                    + " data_version INTEGER NOT NULL, load_millis BIGINT NOT NULL,"
                    + " loaded_at TIMESTAMPTZ NOT NULL DEFAULT now())");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + META_SCHEMA
                    + ".load_marker (scale_factor, data_version, load_millis) VALUES (?, ?, ?)")) {
                ps.setString(1, Double.toString(scaleFactor));
                ps.setInt(2, DATA_VERSION);
                ps.setLong(3, loadMillis);
                ps.executeUpdate();
            }
        }
    }
}
