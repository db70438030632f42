package io.sluice.connectors.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one DuckDB view per data file in a directory: {@code orders.csv} becomes table
 * {@code orders}, {@code region.parquet} becomes {@code region}. DuckDB reads the files where
 * they are, on every query, with its own CSV sniffer and Parquet reader (projection and filter
 * pushdown into row groups), so nothing is copied and an edited file is seen at once.
 */
public final class FileTables {
    /** A data file that became a table. */
    public record FileTable(String table, Path file, Format format) {}

    public enum Format {
        CSV, PARQUET;

        static Optional<Format> of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv") || name.endsWith(".csv.gz") || name.endsWith(".tsv")) {
                return Optional.of(CSV);
            }
            if (name.endsWith(".parquet")) {
                return Optional.of(PARQUET);
            }
            return Optional.empty();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(FileTables.class);

    private FileTables() {}

    /** Lists the data files directly inside {@code directory}. */
    public static List<FileTable> scan(Path directory) throws IOException {
        List<FileTable> tables = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                Format.of(file).ifPresent(format -> tables.add(new FileTable(tableName(file), file, format)));
            }
        }
        return tables;
    }

    /**
     * (Re)creates one view per data file; views for files that disappeared are dropped. Returns
     * the files now served. Synchronized: two refreshes of DuckDB's catalog at once conflict.
     */
    public static synchronized List<FileTable> syncViews(DataSource duckdb, Path directory)
            throws IOException, SQLException {
        List<FileTable> tables = scan(directory);
        try (Connection connection = duckdb.getConnection(); Statement statement = connection.createStatement()) {
            List<String> existing = new ArrayList<>();
            try (var rs = statement.executeQuery(
                    "select view_name from duckdb_views() where not internal and schema_name = 'main'")) {
                while (rs.next()) {
                    existing.add(rs.getString(1));
                }
            }
            for (String view : existing) {
                if (tables.stream().noneMatch(t -> t.table().equals(view))) {
                    statement.execute("drop view " + quoteIdentifier(view));
                }
            }
            List<FileTable> served = new ArrayList<>();
            for (FileTable table : tables) {
                // A statement of its own per file: DuckDB closes a statement that failed.
                try (Statement create = connection.createStatement()) {
                    create.execute("create or replace view " + quoteIdentifier(table.table())
                            + " as select * from " + reader(table));
                    served.add(table);
                } catch (SQLException unreadable) {
                    // One damaged file must not hide the others; it is reported and left out.
                    LOG.warn("Skipping {}: {}", table.file(), unreadable.getMessage());
                    try (Statement drop = connection.createStatement()) {
                        drop.execute("drop view if exists " + quoteIdentifier(table.table()));
                    }
                }
            }
            return served;
        }
    }

    private static String reader(FileTable table) {
        String path = quoteLiteral(table.file().toAbsolutePath().toString());
        return switch (table.format()) {
            case CSV -> "read_csv(" + path + ", header = true, auto_detect = true)";
            case PARQUET -> "read_parquet(" + path + ")";
        };
    }

    static String tableName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.indexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^a-z0-9_]", "_");
    }

    private static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String quoteLiteral(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }
}
