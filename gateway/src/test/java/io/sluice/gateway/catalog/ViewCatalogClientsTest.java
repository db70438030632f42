package io.sluice.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.config.ViewConfig;
import io.sluice.gateway.testing.DemoEngines;
import io.sluice.gateway.testing.SharedDemoDatabases;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Configured views as real clients browse and query them: psql's {@code \dv} and {@code \d}, pgjdbc. */
class ViewCatalogClientsTest {
    static final String CONTACTS = "select id, email, region from sales.people";
    static CatalogGateway gateway;

    @BeforeAll
    static void start() {
        gateway = CatalogGateway.start(DemoEngines.config(SharedDemoDatabases.get()).withViews(List.of(
                new ViewConfig("contacts", CONTACTS, Optional.of("customer contacts")))));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void psqlListsAndDescribesTheView() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PsqlCatalogTest.PSQL), "psql is not installed; skipping");
        assertThat(PsqlCatalogTest.psql(gateway, "\\dv")).containsExactly("views|contacts|view|sluice");
        assertThat(PsqlCatalogTest.psql(gateway, "\\dt")).noneMatch(r -> r.contains("contacts"));

        // The view's columns are described as the table's are.
        List<String> people = PsqlCatalogTest.psql(gateway, "\\d sales.people");
        assertThat(PsqlCatalogTest.psql(gateway, "\\d contacts")).containsExactly(
                people.stream().filter(r -> r.startsWith("id|")).findFirst().orElseThrow(),
                people.stream().filter(r -> r.startsWith("email|")).findFirst().orElseThrow(),
                people.stream().filter(r -> r.startsWith("region|")).findFirst().orElseThrow());
        // psql's \d+ prints pg_get_viewdef(oid, true); \d+ itself needs more of pg_class than Sluice has.
        assertThat(PsqlCatalogTest.psql(gateway, "select pg_catalog.pg_get_viewdef(c.oid, true)"
                + " from pg_catalog.pg_class c where c.relname = 'contacts'")).containsExactly(CONTACTS);
        assertThat(PsqlCatalogTest.psql(gateway, "select count(*) from contacts"))
                .isEqualTo(PsqlCatalogTest.psql(gateway, "select count(*) from sales.people"));
    }

    @Test
    void pgjdbcListsTheViewAsAViewAndQueriesIt() throws Exception {
        try (Connection c = gateway.connect()) {
            List<String> views = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"VIEW"})) {
                while (rs.next()) {
                    views.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME") + " "
                            + rs.getString("TABLE_TYPE") + " " + rs.getString("REMARKS"));
                }
            }
            assertThat(views).containsExactly("views.contacts VIEW customer contacts");
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getColumns(null, "views", "contacts", "%")) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME"));
                }
            }
            assertThat(columns).containsExactly("id", "email", "region");
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select email from views.contacts where id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains("@");
            }
        }
    }
}
