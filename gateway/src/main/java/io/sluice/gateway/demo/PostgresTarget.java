package io.sluice.gateway.demo;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads tables into schema {@code public} of one PostgreSQL database with {@code COPY ... FROM STDIN}.
 * Keys and indexes are built after the data is in (much faster than maintaining them row by row).
 * The load marker lives in schema {@value #META_SCHEMA} of the same database, which the reader cannot see.
 *
 * <p>With a {@link Template}, the database starts as a file-level copy of an already loaded database
 * (data, indexes and statistics included), keeps the tables it shares with it and only generates the rest:
 * {@code sales} is cut from {@code tpch_reference} this way, which halves the PostgreSQL work at SF 1.
 */
final class PostgresTarget implements LoadTarget {

    static final String META_SCHEMA = "sluice_demo";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresTarget.class);

    private final EmbeddedPostgresServer server;
    private final String database;
    private final List<TableSpec> tables;
    private final String reader;
    private final Optional<Template> template;

    /**
     * Copy {@code database} and keep its tables named in {@code keep}.
     */
    record Template(String database, List<String> keep) {
        Template {
            requireNonNull(database, "database");
            keep = List.copyOf(keep);
        }
    }

    PostgresTarget(EmbeddedPostgresServer server, String database, List<TableSpec> tables, String reader) {
        this(server, database, tables, reader, Optional.empty());
    }

    /** With a template, {@code tables} are only the tables to generate on top of the kept ones. */
    PostgresTarget(EmbeddedPostgresServer server, String database, List<TableSpec> tables, String reader,
                   Optional<Template> template) {
        this.server = requireNonNull(server, "server");
        this.database = requireNonNull(database, "database");
        this.tables = List.copyOf(tables);
        this.reader = requireNonNull(reader, "reader");
        this.template = requireNonNull(template, "template");
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
            if (template.isPresent()) {
                LOG.info("Creating {} as a copy of {} (keeping {})", database, template.get().database(),
                        String.join(", ", template.get().keep()));
                // FILE_COPY: one checkpoint and a file copy, instead of WAL-logging every page of a big database.
                st.execute("CREATE DATABASE " + database + " TEMPLATE " + template.get().database()
                        + " STRATEGY FILE_COPY");
            } else {
                // Code-point string order everywhere (as MariaDB's utf8mb4_bin and Java's String order), not
                // whatever libc locale the machine has: answers must not depend on where the demo runs.
                st.execute("CREATE DATABASE " + database + " TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'"
                        + " LOCALE_PROVIDER builtin BUILTIN_LOCALE 'C.UTF-8'");
            }
        }
        try (Connection c = server.connectAsSuperuser(database); Statement st = c.createStatement()) {
            if (template.isPresent()) {
                st.execute("DROP SCHEMA " + META_SCHEMA + " CASCADE");
                for (String table : tablesIn(c)) {
                    if (!template.get().keep().contains(table)) {
                        st.execute("DROP TABLE public." + table);
                    }
                }
            }
            for (TableSpec table : tables) {
                st.execute(table.createTableSql("public." + table.name(), TableSpec.Dialect.POSTGRES, false));
            }
        }
    }

    private static List<String> tablesIn(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /**
     * A whole table (one part) loads in one transaction that first truncates it: with {@code wal_level=minimal}
     * PostgreSQL then skips the WAL, and {@code FREEZE} writes rows already frozen, so the VACUUM afterwards
     * has nothing to do. Parts of a split table must share the table, so they use a plain COPY.
     */
    @Override
    public long loadPart(TableSpec table, int part, int partCount) throws Exception {
        boolean whole = partCount == 1;
        try (Connection c = server.connectAsSuperuser(database)) {
            if (whole) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute("TRUNCATE public." + table.name());
                }
            }
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY public." + table.name()
                    + " (" + String.join(", ", table.columnNames()) + ") FROM STDIN (FORMAT text"
                    + (whole ? ", FREEZE" : "") + ")");
            long rows;
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
                rows = copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            if (whole) {
                c.commit();
            }
            return rows;
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
