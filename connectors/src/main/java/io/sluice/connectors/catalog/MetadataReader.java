package io.sluice.connectors.catalog;

import static java.util.Objects.requireNonNull;

import io.sluice.connectors.config.SourceType;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads what a source has: its schemas, and per schema its tables with the source's own
 * row-count estimate (PostgreSQL's {@code pg_class.reltuples}, MariaDB's
 * {@code information_schema.tables.table_rows}, DuckDB's {@code estimated_size}) and distinct-value
 * estimates per column (PostgreSQL's {@code pg_stats.n_distinct}; MariaDB's index cardinality, so
 * for indexed columns only). Estimates are best effort: a source that keeps none still lists its
 * tables.
 */
final class MetadataReader {
    /**
     * A table and its estimates, as listed by the source; {@code distinctValues} maps column names
     * (case-insensitively) to the estimated number of distinct values, for the columns the source
     * has an estimate for.
     */
    record Listed(String name, OptionalLong rowCount, Map<String, Double> distinctValues) {
        Listed {
            requireNonNull(name, "name is null");
            requireNonNull(rowCount, "rowCount is null");
            requireNonNull(distinctValues, "distinctValues is null");
        }
    }

    private static final Set<String> SYSTEM_SCHEMAS =
            Set.of("information_schema", "pg_catalog", "pg_toast", "mysql", "performance_schema", "sys");

    private MetadataReader() {}

    /** Where a database-level schema lives in JDBC terms: MariaDB calls databases catalogs. */
    record JdbcLocation(String catalog, String schema) {}

    static Map<String, JdbcLocation> schemas(SourceType type, Connection connection) throws SQLException {
        Map<String, JdbcLocation> schemas = new HashMap<>();
        switch (type) {
            case MYSQL -> {
                String database = connection.getCatalog();
                if (database != null && !database.isEmpty()) {
                    schemas.put(database.toLowerCase(Locale.ROOT), new JdbcLocation(database, null));
                }
            }
            case SQLITE -> schemas.put("main", new JdbcLocation(null, null));
            case DUCKDB, FILES -> schemas.put("main", new JdbcLocation(null, "main"));
            case POSTGRESQL -> {
                try (ResultSet rs = connection.getMetaData().getSchemas()) {
                    while (rs.next()) {
                        String schema = rs.getString("TABLE_SCHEM");
                        if (!SYSTEM_SCHEMAS.contains(schema) && !schema.startsWith("pg_")) {
                            schemas.put(schema.toLowerCase(Locale.ROOT), new JdbcLocation(null, schema));
                        }
                    }
                }
            }
        }
        return schemas;
    }

    static List<Listed> tables(SourceType type, Connection connection, JdbcLocation location) throws SQLException {
        Map<String, OptionalLong> estimates = estimates(type, connection, location);
        Map<String, Map<String, Double>> distinctValues = distinctValues(type, connection, location);
        List<Listed> tables = new ArrayList<>();
        DatabaseMetaData metaData = connection.getMetaData();
        try (ResultSet rs = metaData.getTables(location.catalog(), location.schema(), "%",
                new String[] {"TABLE", "VIEW", "MATERIALIZED VIEW", "BASE TABLE", "FOREIGN TABLE",
                    "PARTITIONED TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                tables.add(new Listed(name, estimates.getOrDefault(name, OptionalLong.empty()),
                        distinctValues.getOrDefault(name, Map.of())));
            }
        }
        return tables;
    }

    static List<String> primaryKey(Connection connection, JdbcLocation location, String table) throws SQLException {
        java.util.TreeMap<Integer, String> columns = new java.util.TreeMap<>();
        try (ResultSet rs = connection.getMetaData().getPrimaryKeys(location.catalog(), location.schema(), table)) {
            while (rs.next()) {
                columns.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return List.copyOf(columns.values());
    }

    private static Map<String, OptionalLong> estimates(SourceType type, Connection connection, JdbcLocation location) {
        String sql = switch (type) {
            case POSTGRESQL -> "select c.relname, c.reltuples::bigint from pg_class c"
                    + " join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and c.reltuples >= 0";
            case MYSQL -> "select table_name, table_rows from information_schema.tables"
                    + " where table_schema = ? and table_rows is not null";
            case DUCKDB -> "select table_name, estimated_size from duckdb_tables() where schema_name = ?";
            case SQLITE, FILES -> null;
        };
        Map<String, OptionalLong> estimates = new HashMap<>();
        if (sql == null) {
            return estimates;
        }
        String schema = type == SourceType.MYSQL ? location.catalog() : location.schema();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    estimates.put(rs.getString(1), OptionalLong.of(Math.max(1, rs.getLong(2))));
                }
            }
        } catch (SQLException e) {
            // Estimates only sharpen plans; without them the planner falls back to its defaults.
            return Map.of();
        }
        return estimates;
    }

    /**
     * Distinct values per column of each table of the schema. PostgreSQL's {@code n_distinct} is a
     * count when positive and minus a fraction of the rows when negative (a column whose distinct
     * values grow with the table); 0 means unknown. MariaDB keeps no per-column estimate a
     * non-administrator can read, but InnoDB's cardinality of an index's first column is one.
     */
    private static Map<String, Map<String, Double>> distinctValues(SourceType type, Connection connection,
            JdbcLocation location) {
        String sql = switch (type) {
            case POSTGRESQL -> "select s.tablename, s.attname,"
                    + " case when s.n_distinct > 0 then s.n_distinct else -s.n_distinct * c.reltuples end"
                    + " from pg_stats s join pg_namespace n on n.nspname = s.schemaname"
                    + " join pg_class c on c.relnamespace = n.oid and c.relname = s.tablename"
                    + " where s.schemaname = ? and s.n_distinct <> 0 and c.reltuples > 0";
            case MYSQL -> "select table_name, column_name, max(cardinality) from information_schema.statistics"
                    + " where table_schema = ? and seq_in_index = 1 and cardinality > 0"
                    + " group by table_name, column_name";
            case DUCKDB, SQLITE, FILES -> null;
        };
        Map<String, Map<String, Double>> tables = new HashMap<>();
        if (sql == null) {
            return tables;
        }
        String schema = type == SourceType.MYSQL ? location.catalog() : location.schema();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    tables.computeIfAbsent(rs.getString(1), t -> new TreeMap<>(String.CASE_INSENSITIVE_ORDER))
                            .merge(rs.getString(2), Math.max(1d, rs.getDouble(3)), Math::max);
                }
            }
        } catch (SQLException e) {
            // Like row counts, distinct values only sharpen plans.
            return Map.of();
        }
        return tables;
    }
}
