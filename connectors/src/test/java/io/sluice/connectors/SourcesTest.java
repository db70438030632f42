package io.sluice.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.sluice.connectors.catalog.SourceSchema;
import io.sluice.connectors.catalog.SourceTable;
import io.sluice.connectors.config.Secret;
import io.sluice.connectors.config.SourceConfig;
import io.sluice.connectors.config.SourceType;
import io.sluice.connectors.files.DuckDbDataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.Named;
import org.apache.calcite.util.ImmutableBitSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesTest {
    @TempDir
    Path dir;

    private SchemaPlus root;
    private Sources sources;
    private Path sqliteFile;
    private Path filesDir;

    @BeforeEach
    void setUp() throws Exception {
        root = CalciteSchema.createRootSchema(false, false).plus();
        sqliteFile = dir.resolve("crm.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile);
                Statement s = c.createStatement()) {
            s.execute("create table Customer (c_id integer primary key, c_name text not null)");
            s.execute("create table note (n_text text)");
            s.execute("create table order_line (o_id integer, line integer, qty integer, primary key (o_id, line))");
            s.execute("insert into Customer values (1, 'ann'), (2, 'bob')");
        }
        filesDir = Files.createDirectory(dir.resolve("files"));
        Files.writeString(filesDir.resolve("Orders.csv"), "o_id,c_id\n10,1\n11,2\n12,2\n");
    }

    @AfterEach
    void tearDown() {
        if (sources != null) {
            sources.close();
        }
    }

    private SourceConfig sqliteConfig(String name) {
        return SourceConfig.database(name, SourceType.SQLITE, "jdbc:sqlite:" + sqliteFile, "", Secret.none());
    }

    @Test
    void openRegistersEverySourceUnderItsNameInTheRootSchema() {
        sources = Sources.open(List.of(sqliteConfig("crm"), SourceConfig.files("lake", filesDir)), root);

        assertThat(root.subSchemas().get("crm")).isNotNull();
        assertThat(root.subSchemas().get("lake")).isNotNull();
        assertThat(sources.all()).extracting(Source::name).containsExactly("crm", "lake");
        assertThat(sources.get("CRM")).get().extracting(Source::name).isEqualTo("crm");
        assertThat(sources.get("nope")).isEmpty();
        assertThat(sources.get("lake").orElseThrow().schema()).isInstanceOf(SourceSchema.class);
    }

    @Test
    void sqliteTablesAreReachableThroughMainAndDirectlyIgnoringCase() {
        sources = Sources.open(List.of(sqliteConfig("crm")), root);
        Schema crm = sources.get("crm").orElseThrow().schema();

        Schema main = crm.subSchemas().get("main");
        assertThat(main).isNotNull();
        assertThat(crm.subSchemas().getIgnoreCase("MAIN")).isNotNull();
        assertThat(main.tables().get("Customer")).isInstanceOf(SourceTable.class);
        assertThat(main.tables().get("note")).isInstanceOf(SourceTable.class);

        Named<Table> direct = crm.tables().getIgnoreCase("CUSTOMER");
        assertThat(direct).isNotNull();
        assertThat(direct.name()).isEqualTo("Customer");
        assertThat(((SourceTable) direct.entity()).source()).isEqualTo("crm");
        assertThat(crm.tables().get("Customer")).isInstanceOf(SourceTable.class);
        assertThat(crm.tables().get("missing")).isNull();
        assertThat(crm.tables().getIgnoreCase("missing")).isNull();
    }

    @Test
    void sourceIsReachableFromTheRootSchemaIgnoringCase() {
        sources = Sources.open(List.of(sqliteConfig("crm")), root);

        SchemaPlus viaRoot = root.getSubSchema("crm");
        assertThat(viaRoot).isNotNull();
        assertThat(viaRoot.subSchemas().getIgnoreCase("Main")).isNotNull();
        assertThat(root.subSchemas().getIgnoreCase("CRM")).isNotNull();
        assertThat(viaRoot.tables().getIgnoreCase("customer")).isNotNull();
    }

    @Test
    void filesTablesAreReachableThroughMainAndDirectly() {
        sources = Sources.open(List.of(SourceConfig.files("lake", filesDir)), root);
        Schema lake = sources.get("lake").orElseThrow().schema();

        Table viaMain = lake.subSchemas().get("main").tables().get("orders");
        assertThat(viaMain).isInstanceOf(SourceTable.class);
        Named<Table> direct = lake.tables().getIgnoreCase("ORDERS");
        assertThat(direct).isNotNull();
        assertThat(direct.name()).isEqualTo("orders");
        assertThat(((SourceTable) direct.entity()).getRowType(new JavaTypeFactoryImpl()).getFieldNames())
                .containsExactly("o_id", "c_id");
    }

    @Test
    void sqliteStatisticReportsPrimaryKeyAsKey() {
        sources = Sources.open(List.of(sqliteConfig("crm")), root);
        Schema crm = sources.get("crm").orElseThrow().schema();

        Statistic customer = crm.tables().get("Customer").getStatistic();
        assertThat(customer.getKeys()).containsExactly(ImmutableBitSet.of(0));
        assertThat(customer.isKey(ImmutableBitSet.of(0))).isTrue();
        assertThat(customer.isKey(ImmutableBitSet.of(1))).isFalse();

        Statistic orderLine = crm.tables().get("order_line").getStatistic();
        assertThat(orderLine.getKeys()).containsExactly(ImmutableBitSet.of(0, 1));

        Statistic note = crm.tables().get("note").getStatistic();
        assertThat(note.getKeys()).isEmpty();
        assertThat(((SourceTable) crm.tables().get("note")).rowCount()).as("SQLite keeps no estimate").isEmpty();
        assertThat(note.getRowCount()).as("planner default without an estimate").isEqualTo(100d);
    }

    @Test
    void duckDbStatisticReportsTheSourcesRowCountEstimate() throws Exception {
        Path duckFile = dir.resolve("warehouse.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + duckFile);
                Statement s = c.createStatement()) {
            s.execute("create table facts (id integer primary key, v integer)");
            s.execute("insert into facts select i, i * 2 from range(1000) t(i)");
            s.execute("checkpoint");
        }
        sources = Sources.open(List.of(SourceConfig.database("wh", SourceType.DUCKDB, "jdbc:duckdb:" + duckFile,
                "", Secret.none())), root);

        SourceTable facts = (SourceTable) sources.get("wh").orElseThrow().schema().tables().get("facts");

        assertThat(facts).isNotNull();
        assertThat(facts.rowCount()).hasValue(1000);
        assertThat(facts.getStatistic().getRowCount()).isEqualTo(1000d);
        assertThat(facts.getStatistic().isKey(ImmutableBitSet.of(0))).isTrue();
    }

    @Test
    void unreachableSourceOpensButListingItsTablesFailsNamingTheSource() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String password = "hunter2-very-secret";
        SourceConfig config = SourceConfig.database("billing", SourceType.POSTGRESQL,
                "jdbc:postgresql://127.0.0.1:" + port + "/x", "sluice", new Secret(password, "env:PW"))
                .withConnectTimeout(Duration.ofSeconds(1));

        sources = Sources.open(List.of(config, sqliteConfig("crm")), root);
        Schema billing = sources.get("billing").orElseThrow().schema();

        assertThatThrownBy(() -> billing.tables().get("anything"))
                .isInstanceOfSatisfying(ConnectorException.SourceUnavailable.class, e -> {
                    assertThat(e.source()).isEqualTo("billing");
                    assertThat(e.getMessage()).contains("billing").doesNotContain(password);
                });
        assertThatThrownBy(() -> billing.subSchemas().get("public"))
                .isInstanceOf(ConnectorException.SourceUnavailable.class)
                .hasMessageNotContaining(password);
        // the other source is unaffected
        assertThat(sources.get("crm").orElseThrow().schema().tables().get("note")).isNotNull();
    }

    @Test
    void filesSourceWithoutPathIsRejected() {
        SourceConfig noPath = SourceConfig.database("lake", SourceType.FILES, "", "", Secret.none());

        assertThatThrownBy(() -> Sources.open(List.of(sqliteConfig("crm"), noPath), root))
                .isInstanceOfSatisfying(ConnectorException.BadSourceConfiguration.class,
                        e -> assertThat(e.source()).isEqualTo("lake"))
                .hasMessageContaining("path");
    }

    @Test
    void configuredSchemaThatDoesNotExistIsReported() {
        sources = Sources.open(List.of(sqliteConfig("crm").withSchemas(List.of("other"))), root);

        assertThatThrownBy(() -> sources.get("crm").orElseThrow().schema().tables().get("note"))
                .isInstanceOf(ConnectorException.BadSourceConfiguration.class)
                .hasMessageContaining("crm").hasMessageContaining("other");
    }

    @Test
    void filesSourcePicksUpNewFilesAfterTheRefreshInterval() throws Exception {
        sources = Sources.open(List.of(SourceConfig.files("lake", filesDir)
                .withMetadataRefresh(Duration.ofMillis(50))), root);
        Schema lake = sources.get("lake").orElseThrow().schema();
        assertThat(lake.tables().get("orders")).isNotNull();
        assertThat(lake.tables().get("returns")).isNull();

        Files.writeString(filesDir.resolve("returns.csv"), "o_id\n10\n");

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Table returns = null;
        while (returns == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
            returns = lake.tables().get("returns");
        }
        assertThat(returns).as("new file visible within 5 s").isInstanceOf(SourceTable.class);
    }

    @Test
    void concurrentReadersDuringRefreshNeverSeeTheSourceAsUnavailable() throws Exception {
        for (int i = 0; i < 5; i++) {
            Files.writeString(filesDir.resolve("t" + i + ".csv"), "id\n1\n");
        }
        sources = Sources.open(List.of(SourceConfig.files("lake", filesDir)
                .withMetadataRefresh(Duration.ofMillis(10))), root);
        Schema lake = sources.get("lake").orElseThrow().schema();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();

        List<Thread> readers = new java.util.ArrayList<>();
        for (int r = 0; r < 4; r++) {
            readers.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < deadline && failures.isEmpty()) {
                    try {
                        lake.tables().get("orders");
                        Thread.sleep(2);
                    } catch (RuntimeException e) {
                        failures.add(e);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        for (Thread reader : readers) {
            reader.join(5000);
        }

        assertThat(failures).isEmpty();
    }

    @Test
    void filesSourceKeepsServingKnownTablesWhileItsDirectoryIsUnreadable() throws Exception {
        sources = Sources.open(List.of(SourceConfig.files("lake", filesDir)
                .withMetadataRefresh(Duration.ofMillis(50))), root);
        Schema lake = sources.get("lake").orElseThrow().schema();
        assertThat(lake.tables().get("orders")).isNotNull();

        Files.delete(filesDir.resolve("Orders.csv"));
        Files.delete(filesDir);

        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(20);
            assertThat(lake.tables().get("orders")).as("kept table list").isNotNull();
        }
    }

    @Test
    void closeClosesPoolsAndDuckDb() throws Exception {
        sources = Sources.open(List.of(sqliteConfig("crm"), SourceConfig.files("lake", filesDir)), root);
        Source crm = sources.get("crm").orElseThrow();
        Source lake = sources.get("lake").orElseThrow();
        try (Connection c = crm.dataSource().getConnection()) {
            assertThat(c.isValid(1)).isTrue();
        }
        HikariDataSource pool = (HikariDataSource) Sources.pool(crm);
        assertThat(pool.isClosed()).isFalse();

        sources.close();
        sources = null;

        assertThat(pool.isClosed()).isTrue();
        assertThatThrownBy(() -> crm.dataSource().getConnection()).isInstanceOf(SQLException.class);
        assertThat(Sources.pool(lake)).isInstanceOf(DuckDbDataSource.class);
        assertThatThrownBy(() -> lake.dataSource().getConnection()).isInstanceOf(SQLException.class);
    }
}
