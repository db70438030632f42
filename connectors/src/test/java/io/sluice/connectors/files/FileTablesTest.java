package io.sluice.connectors.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTablesTest {
    @TempDir
    Path dir;

    private DuckDbDataSource duckdb;

    @BeforeEach
    void openDuckDb() throws SQLException {
        duckdb = DuckDbDataSource.open("jdbc:duckdb:", false);
    }

    @AfterEach
    void closeDuckDb() throws SQLException {
        duckdb.close();
    }

    @Test
    void scanPicksUpCsvGzippedCsvTsvAndParquetButNothingElse() throws Exception {
        Files.writeString(dir.resolve("orders.csv"), "id,total\n1,10\n");
        writeGzip(dir.resolve("events.csv.gz"), "id,kind\n1,click\n");
        Files.writeString(dir.resolve("people.tsv"), "id\tname\n1\tann\n");
        writeParquet(dir.resolve("region.parquet"));
        Files.writeString(dir.resolve("notes.txt"), "not data");
        Files.writeString(dir.resolve("data.json"), "{}");
        Files.writeString(dir.resolve("archive.csv.bak"), "id\n1\n");
        Files.createDirectory(dir.resolve("nested.csv"));
        Files.createDirectory(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub").resolve("inner.csv"), "id\n1\n");

        List<FileTables.FileTable> tables = FileTables.scan(dir);

        assertThat(tables).extracting(FileTables.FileTable::table)
                .containsExactlyInAnyOrder("orders", "events", "people", "region");
        assertThat(tables).filteredOn(t -> t.table().equals("region"))
                .singleElement().extracting(FileTables.FileTable::format).isEqualTo(FileTables.Format.PARQUET);
        assertThat(tables).filteredOn(t -> !t.table().equals("region"))
                .extracting(FileTables.FileTable::format).containsOnly(FileTables.Format.CSV);
        assertThat(tables).filteredOn(t -> t.table().equals("events"))
                .singleElement().extracting(FileTables.FileTable::file).isEqualTo(dir.resolve("events.csv.gz"));
    }

    @Test
    void extensionsAreRecognisedCaseInsensitively() throws Exception {
        Files.writeString(dir.resolve("UPPER.CSV"), "id\n1\n");
        writeParquet(dir.resolve("Mixed.Parquet"));

        assertThat(FileTables.scan(dir)).extracting(FileTables.FileTable::table)
                .containsExactlyInAnyOrder("upper", "mixed");
    }

    @Test
    void tableNamesAreLowerCasedStemsWithOtherCharactersReplaced() {
        assertThat(FileTables.tableName(Path.of("Orders.csv"))).isEqualTo("orders");
        assertThat(FileTables.tableName(Path.of("Sales Report-2024.csv"))).isEqualTo("sales_report_2024");
        assertThat(FileTables.tableName(Path.of("line_item.csv.gz"))).isEqualTo("line_item");
        assertThat(FileTables.tableName(Path.of("a$b€c.parquet"))).isEqualTo("a_b_c");
        assertThat(FileTables.tableName(Path.of("/some/dir/Region.PARQUET"))).isEqualTo("region");
    }

    @Test
    void scanOfEmptyDirectoryFindsNoTables() throws Exception {
        assertThat(FileTables.scan(dir)).isEmpty();
    }

    @Test
    void scanOfMissingDirectoryFails() {
        assertThatThrownBy(() -> FileTables.scan(dir.resolve("missing"))).isInstanceOf(IOException.class);
    }

    @Test
    void syncViewsMakesEveryDataFileQueryableThroughDuckDb() throws Exception {
        Files.writeString(dir.resolve("orders.csv"), "id,total\n1,10\n2,20\n3,30\n");
        writeGzip(dir.resolve("events.csv.gz"), "id,kind\n1,click\n2,view\n");
        Files.writeString(dir.resolve("people.tsv"), "id\tname\n1\tann\n2\tbob\n");
        writeParquet(dir.resolve("region.parquet"));

        List<FileTables.FileTable> synced = FileTables.syncViews(duckdb, dir);

        assertThat(synced).hasSize(4);
        assertThat(views()).containsExactlyInAnyOrder("orders", "events", "people", "region");
        assertThat(query("select sum(total) from orders")).containsExactly("60");
        assertThat(query("select kind from events order by id")).containsExactly("click", "view");
        assertThat(query("select name from people order by id")).containsExactly("ann", "bob");
        assertThat(query("select r_name from region order by r_regionkey")).containsExactly("AFRICA", "AMERICA", "ASIA");
    }

    @Test
    void syncViewsDropsViewsOfDeletedFilesAndAddsNewOnes() throws Exception {
        Files.writeString(dir.resolve("orders.csv"), "id\n1\n");
        Files.writeString(dir.resolve("old.csv"), "id\n1\n");
        FileTables.syncViews(duckdb, dir);
        assertThat(views()).containsExactlyInAnyOrder("orders", "old");

        Files.delete(dir.resolve("old.csv"));
        writeParquet(dir.resolve("region.parquet"));
        List<FileTables.FileTable> synced = FileTables.syncViews(duckdb, dir);

        assertThat(synced).extracting(FileTables.FileTable::table).containsExactlyInAnyOrder("orders", "region");
        assertThat(views()).containsExactlyInAnyOrder("orders", "region");
        assertThat(query("select count(*) from region")).containsExactly("3");
    }

    @Test
    void editedFileIsSeenWithoutResync() throws Exception {
        Path orders = dir.resolve("orders.csv");
        Files.writeString(orders, "id\n1\n");
        FileTables.syncViews(duckdb, dir);
        assertThat(query("select count(*) from orders")).containsExactly("1");

        Files.writeString(orders, "id\n1\n2\n3\n");

        assertThat(query("select count(*) from orders")).containsExactly("3");
    }

    @Test
    void syncViewsCopesWithQuotesInFileNames() throws Exception {
        Files.writeString(dir.resolve("o'brien.csv"), "id\n7\n");

        FileTables.syncViews(duckdb, dir);

        assertThat(query("select id from o_brien")).containsExactly("7");
    }

    @Test
    void corruptFileDoesNotStopTheOtherFilesFromBecomingViews() throws Exception {
        Files.writeString(dir.resolve("broken.parquet"), "this is not parquet");
        Files.writeString(dir.resolve("orders.csv"), "id\n1\n");

        FileTables.syncViews(duckdb, dir);

        assertThat(views()).contains("orders");
    }

    @Test
    void emptyCsvFileStillBecomesAView() throws Exception {
        Files.writeString(dir.resolve("empty.csv"), "");
        Files.writeString(dir.resolve("orders.csv"), "id\n1\n");

        FileTables.syncViews(duckdb, dir);

        assertThat(views()).containsExactlyInAnyOrder("empty", "orders");
        assertThat(query("select count(*) from empty")).containsExactly("0");
    }

    @Test
    void duplicatesOfTheDataSourceShareTheViews() throws Exception {
        Files.writeString(dir.resolve("orders.csv"), "id\n1\n2\n");
        FileTables.syncViews(duckdb, dir);

        try (Connection a = duckdb.getConnection(); Connection b = duckdb.getConnection()) {
            assertThat(a).isNotSameAs(b);
            try (Statement s = b.createStatement(); ResultSet rs = s.executeQuery("select count(*) from orders")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
        }
    }

    private void writeParquet(Path file) throws SQLException {
        String path = file.toAbsolutePath().toString().replace("'", "''");
        try (Connection c = duckdb.getConnection(); Statement s = c.createStatement()) {
            s.execute("copy (select * from (values (0, 'AFRICA'), (1, 'AMERICA'), (2, 'ASIA'))"
                    + " as t(r_regionkey, r_name)) to '" + path + "' (format parquet)");
        }
    }

    private static void writeGzip(Path file, String content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    private List<String> views() throws SQLException {
        return query("select view_name from duckdb_views() where not internal and schema_name = 'main'");
    }

    private List<String> query(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = duckdb.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
