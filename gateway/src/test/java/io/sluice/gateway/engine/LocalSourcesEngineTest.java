package io.sluice.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connectors.config.Secret;
import io.sluice.connectors.config.SourceConfig;
import io.sluice.connectors.config.SourceType;
import io.sluice.gateway.config.Limits;
import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.error.SqlState;
import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.session.SessionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine over sources that need no server: a SQLite database and a directory of CSV files. */
class LocalSourcesEngineTest {
    @TempDir
    static Path dir;

    static Engine engine;
    static final SessionContext SESSION = SessionContext.localAdmin();

    @BeforeAll
    static void start() throws Exception {
        Path db = dir.resolve("shop.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("create table orders (id integer primary key, customer_id integer, amount numeric(10,2))");
            s.execute("insert into orders values (1, 10, 5.50), (2, 10, 4.50), (3, 20, 100.00), (4, 30, 1.00)");
        }
        Path warehouse = dir.resolve("warehouse.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse); Statement s = c.createStatement()) {
            s.execute("create table shipments (order_id integer primary key, carrier varchar, shipped date)");
            s.execute("insert into shipments values (1, 'UPS', date '2026-01-02'), (3, 'DHL', date '2026-02-03')");
        }
        Path files = Files.createDirectory(dir.resolve("files"));
        Files.writeString(files.resolve("customers.csv"), "id,name,country\n10,Ada,UK\n20,Bo,SE\n30,Cy,UK\n");
        engine = Engine.start(new SluiceConfig(dir.resolve("sluice.yaml"), dir, List.of(
                SourceConfig.database("shop", SourceType.SQLITE, "jdbc:sqlite:" + db, "", Secret.none()),
                SourceConfig.files("lake", files),
                SourceConfig.database("wh", SourceType.DUCKDB, "jdbc:duckdb:" + warehouse, "", Secret.none())),
                Limits.DEFAULTS));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static List<List<Object>> rows(String sql) {
        List<List<Object>> rows = new ArrayList<>();
        try (ResultCursor cursor = engine.execute(sql, SESSION)) {
            while (cursor.next()) {
                rows.add(java.util.Arrays.asList(cursor.row()));
            }
        }
        return rows;
    }

    @Test
    void joinsAcrossSqliteAndCsvFiles() {
        List<List<Object>> rows = rows("""
                select c.name, sum(o.amount) as total
                from shop.orders o join lake.customers c on o.customer_id = c.id
                where c.country = 'UK'
                group by c.name order by total desc""");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get(0)).isEqualTo("Ada");
        assertThat(new java.math.BigDecimal(rows.get(0).get(1).toString())).isEqualByComparingTo("10.00");
        assertThat(rows.get(1).get(0)).isEqualTo("Cy");
    }

    @Test
    void joinsADuckDbDatabaseWithSqliteAndPushesTheFilterIntoDuckDb() {
        List<List<Object>> rows = rows(
                "select o.id, s.carrier, s.shipped from shop.orders o join wh.shipments s on s.order_id = o.id"
                        + " where s.carrier <> 'FedEx' order by o.id");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly(1, "UPS", java.time.LocalDate.of(2026, 1, 2));
        assertThat(rows.get(1).get(1)).isEqualTo("DHL");
        String plan = String.join("\n", rows("explain select carrier from wh.shipments where carrier = 'UPS'")
                .stream().map(r -> (String) r.get(0)).toList());
        assertThat(plan).contains("Fragment 1 on wh:").contains("WHERE \"carrier\" = 'UPS'");
    }

    @Test
    void addressesTablesWithAndWithoutTheSchemaInAnyCase() {
        assertThat(rows("select count(*) from SHOP.MAIN.ORDERS")).containsExactly(List.of(4L));
        assertThat(rows("select count(*) from shop.Orders")).containsExactly(List.of(4L));
    }

    @Test
    void explainShowsTheSqlSentToEachSource() {
        String plan = String.join("\n", rows("explain select id from shop.orders where amount > 3")
                .stream().map(r -> (String) r.get(0)).toList());
        assertThat(plan).contains("Fragment 1 on shop:").containsIgnoringCase("WHERE");
    }

    @Test
    void unknownTableIsReportedWithPosition() {
        assertThatThrownBy(() -> rows("select * from shop.nope"))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.state()).isEqualTo(SqlState.UNDEFINED_TABLE);
                    assertThat(e.getMessage()).contains("nope");
                    assertThat(e.position()).hasValue(15);
                });
    }

    @Test
    void syntaxErrorNamesTheToken() {
        assertThatThrownBy(() -> rows("select id frm shop.orders"))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.state()).isEqualTo(SqlState.SYNTAX_ERROR);
                    assertThat(e.getMessage()).contains("shop");
                });
    }
}
