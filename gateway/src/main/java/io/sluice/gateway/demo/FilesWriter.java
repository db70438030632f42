package io.sluice.gateway.demo;

import io.trino.tpch.Nation;
import io.trino.tpch.Region;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code files} source: {@code nation.csv} (with header) and {@code region.parquet}, the two fixed-size
 * TPC-H tables. DuckDB (in memory) writes both, so no Hadoop/parquet-mr is needed. Files are written to a
 * temporary name and moved into place, so a reader never sees half a file; existing files are kept.
 */
final class FilesWriter {

    static final String NATION_CSV = "nation.csv";
    static final String REGION_PARQUET = "region.parquet";
    private static final Logger LOG = LoggerFactory.getLogger(FilesWriter.class);

    private FilesWriter() {
    }

    /** Writes whichever of the files is missing; returns true when something was written. */
    static boolean writeMissing(Path directory) {
        try {
            Files.createDirectories(directory);
            boolean wrote = false;
            Path nation = directory.resolve(NATION_CSV);
            Path region = directory.resolve(REGION_PARQUET);
            if (!Files.isRegularFile(nation) || !Files.isRegularFile(region)) {
                try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
                    if (!Files.isRegularFile(nation)) {
                        write(duck, nation, "nation", "FORMAT CSV, HEADER", () -> loadNation(duck));
                        wrote = true;
                    }
                    if (!Files.isRegularFile(region)) {
                        write(duck, region, "region", "FORMAT PARQUET", () -> loadRegion(duck));
                        wrote = true;
                    }
                }
            }
            return wrote;
        } catch (IOException | SQLException e) {
            throw new DemoDatabaseException("cannot write the demo files in " + directory + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Loader {
        void load() throws SQLException;
    }

    private static void write(Connection duck, Path target, String table, String options, Loader loader)
            throws SQLException, IOException {
        long start = System.nanoTime();
        loader.load();
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try (Statement st = duck.createStatement()) {
            st.execute("COPY (SELECT * FROM " + table + " ORDER BY 1) TO "
                    + DemoUtil.pgString(temp.toString()) + " (" + options + ")");
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("Wrote files/{}: {} rows in {} ms", target.getFileName(), count(duck, table),
                (System.nanoTime() - start) / 1_000_000);
    }

    private static void loadNation(Connection duck) throws SQLException {
        try (Statement st = duck.createStatement()) {
            st.execute("CREATE TABLE nation (n_nationkey BIGINT NOT NULL, n_name VARCHAR(25) NOT NULL, "
                    + "n_regionkey BIGINT NOT NULL, n_comment VARCHAR(152) NOT NULL)");
        }
        try (PreparedStatement insert = duck.prepareStatement("INSERT INTO nation VALUES (?, ?, ?, ?)")) {
            for (Nation n : TpchTable.NATION.createGenerator(1, 1, 1)) {
                insert.setLong(1, n.nationKey());
                insert.setString(2, n.name());
                insert.setLong(3, n.regionKey());
                insert.setString(4, n.comment());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void loadRegion(Connection duck) throws SQLException {
        try (Statement st = duck.createStatement()) {
            st.execute("CREATE TABLE region (r_regionkey BIGINT NOT NULL, r_name VARCHAR(25) NOT NULL, "
                    + "r_comment VARCHAR(152) NOT NULL)");
        }
        try (PreparedStatement insert = duck.prepareStatement("INSERT INTO region VALUES (?, ?, ?)")) {
            for (Region r : TpchTable.REGION.createGenerator(1, 1, 1)) {
                insert.setLong(1, r.regionKey());
                insert.setString(2, r.name());
                insert.setString(3, r.comment());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static long count(Connection duck, String table) throws SQLException {
        try (Statement st = duck.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
