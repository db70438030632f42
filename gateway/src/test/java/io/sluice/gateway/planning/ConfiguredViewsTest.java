package io.sluice.gateway.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connectors.config.Secret;
import io.sluice.connectors.config.SourceConfig;
import io.sluice.connectors.config.SourceType;
import io.sluice.gateway.config.ConfigException;
import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.config.ViewConfig;
import io.sluice.gateway.demo.DemoDatabases;
import io.sluice.gateway.engine.Engine;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.error.SqlState;
import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.testing.DemoEngines;
import io.sluice.gateway.testing.SharedDemoDatabases;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Views defined in configuration, without policy: they answer like their SQL, are named with or
 * without the {@code views} schema, may read other views, and a broken one stops start-up naming
 * the view, the problem and where in its SQL.
 */
class ConfiguredViewsTest {
    static final SessionContext ADMIN = SessionContext.localAdmin();
    static final List<ViewConfig> VIEWS = List.of(
            new ViewConfig("contacts", "select id, email, region from sales.people"),
            new ViewConfig("eu_contacts", "select id, email from contacts where region = 'EU'"),
            new ViewConfig("customer_nations", """
                    select c.c_custkey as custkey, n.n_name as nation
                    from crm.customer c join lake.nation n on c.c_nationkey = n.n_nationkey"""));

    static Engine engine;

    @BeforeAll
    static void start() {
        engine = Engine.start(DemoEngines.config(SharedDemoDatabases.get()).withViews(VIEWS));
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    static List<List<Object>> rows(String sql) {
        List<List<Object>> rows = new ArrayList<>();
        try (ResultCursor cursor = engine.execute(sql, ADMIN)) {
            while (cursor.next()) {
                rows.add(Arrays.asList(cursor.row().clone()));
            }
        }
        return rows;
    }

    @Test
    void viewAnswersLikeItsQueryByEitherName() {
        List<List<Object>> direct = rows("select id, email, region from sales.people order by id");
        assertThat(direct).hasSizeGreaterThan(100);
        assertThat(rows("select * from contacts order by id")).isEqualTo(direct);
        assertThat(rows("select id, email, region from views.contacts order by id")).isEqualTo(direct);
    }

    @Test
    void viewOverAViewAndAcrossSources() {
        assertThat(rows("select id, email from eu_contacts order by id"))
                .isEqualTo(rows("select id, email from sales.people where region = 'EU' order by id"))
                .isNotEmpty();
        assertThat(rows("select nation, count(*) from customer_nations group by nation order by nation"))
                .isEqualTo(rows("select n.n_name, count(*) from crm.customer c join lake.nation n"
                        + " on c.c_nationkey = n.n_nationkey group by n.n_name order by n.n_name"))
                .hasSize(25);
    }

    @Test
    void viewJoinsWithTablesAndKeepsItsColumnNames() {
        try (ResultCursor cursor = engine.execute("select c.email, t.status from contacts c"
                + " join sales.support_tickets t on t.person_id = c.id limit 1", ADMIN)) {
            assertThat(cursor.columns()).extracting(ResultColumn::name).containsExactly("email", "status");
        }
    }

    @Test
    void statementsReadTheViewsUnderlyingTables() {
        PlannedQuery query = engine.plan("select email from eu_contacts", ADMIN);
        assertThat(query.access().tables()).containsExactly(
                new AccessSummary.TableRead("sales", "public", "people", List.of("email", "region")));
    }

    @Test
    void viewSqlThatDoesNotValidateStopsStartUpWithItsPosition() {
        assertThat(startFailure(new ViewConfig("broken", "select id, emial from sales.people")))
                .contains("views.broken.sql: column \"emial\" does not exist (at character 12 of its sql)");
        assertThat(startFailure(new ViewConfig("broken", "select id from sales.peple")))
                .contains("views.broken.sql:").contains("\"sales.peple\" does not exist")
                .contains("at character 16 of its sql");
        assertThat(startFailure(new ViewConfig("broken", "select id fro sales.people")))
                .contains("views.broken.sql:").contains("at character");
    }

    @Test
    void viewsThatReferToThemselvesStopStartUp() {
        assertThat(startFailure(new ViewConfig("a", "select id from b"), new ViewConfig("b", "select id from a")))
                .contains("views.a.sql: it refers to itself: a -> b -> a");
        assertThat(startFailure(new ViewConfig("loop", "select * from views.loop")))
                .contains("views.loop.sql: it refers to itself: loop -> loop");
    }

    @Test
    void aBrokenViewIsBlamedNotTheViewsReadingIt() {
        assertThat(startFailure(new ViewConfig("outer_view", "select id from inner_view"),
                new ViewConfig("inner_view", "select idd as id from sales.people")))
                .contains("views.inner_view.sql: column \"idd\" does not exist");
    }

    @Test
    void viewColumnsNeedNamesOfTheirOwn() {
        assertThat(startFailure(new ViewConfig("unnamed", "select id + 1 from sales.people")))
                .contains("views.unnamed.sql: column 1 of the view has no name; name it with AS");
        assertThat(startFailure(new ViewConfig("twice",
                "select p.id, t.id from sales.people p join sales.support_tickets t on t.person_id = p.id")))
                .contains("views.twice.sql: column \"id\" appears twice in the view; rename one with AS");
    }

    @Test
    void viewNamesMustNotClash() {
        assertThat(startFailure(new ViewConfig("sales", "select 1 as one")))
                .contains("views.sales: a source is called 'sales' too");
        assertThat(startFailure(new ViewConfig("pg_class", "select 1 as one")))
                .contains("views.pg_class: pg_catalog.pg_class has that name");
        assertThat(startFailure(new ViewConfig("sys", "select 1 as one")))
                .contains("views.sys: 'sys' is a schema Sluice keeps");
    }

    @Test
    void aSourceNamedViewsIsRefused() {
        List<SourceConfig> sources = new ArrayList<>(DemoEngines.sources(SharedDemoDatabases.get()));
        sources.add(SourceConfig.files("views", SharedDemoDatabases.get().filesDirectory()));
        SluiceConfig config = new SluiceConfig(DemoEngines.config(SharedDemoDatabases.get()).file(),
                SharedDemoDatabases.testWorkRoot(), sources, io.sluice.gateway.config.Limits.DEFAULTS)
                .withAudit(DemoEngines.ownAuditLog());
        assertThatThrownBy(() -> Engine.start(config).close()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("sources.views: no source may be named 'views'");
    }

    @Test
    void aViewOverASourceThatIsDownDoesNotStopStartUp() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        List<SourceConfig> sources = new ArrayList<>(DemoEngines.sources(SharedDemoDatabases.get()));
        sources.add(SourceConfig.database("down", SourceType.POSTGRESQL,
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/nothing", "nobody", new Secret("pw", "test"))
                .withConnectTimeout(Duration.ofSeconds(1)));
        SluiceConfig config = new SluiceConfig(DemoEngines.config(SharedDemoDatabases.get()).file(),
                SharedDemoDatabases.testWorkRoot(), sources, io.sluice.gateway.config.Limits.DEFAULTS)
                .withAudit(DemoEngines.ownAuditLog())
                .withViews(List.of(new ViewConfig("remote", "select * from down.things"),
                        new ViewConfig("contacts", "select id from sales.people")));
        try (Engine started = Engine.start(config)) {
            try (ResultCursor cursor = started.execute("select count(*) from contacts", ADMIN)) {
                assertThat(cursor.next()).isTrue();
            }
            assertThatThrownBy(() -> started.execute("select * from remote", ADMIN).close())
                    .isInstanceOf(SluiceException.class)
                    .satisfies(e -> assertThat(((SluiceException) e).state()).isEqualTo(SqlState.SOURCE_UNAVAILABLE));
        }
    }

    @Test
    void aViewWhoseTableIsDroppedLaterIsBlamedWithoutAStatementPosition() throws Exception {
        DemoDatabases databases = SharedDemoDatabases.get();
        try (Connection admin = databases.openPostgresAdmin(DemoDatabases.SALES);
             Statement statement = admin.createStatement()) {
            statement.execute("drop schema if exists scratch_views cascade");
            statement.execute("create schema scratch_views");
            statement.execute("create table scratch_views.notes (id int, note text)");
            statement.execute("insert into scratch_views.notes values (1, 'one')");
            statement.execute("grant usage on schema scratch_views to " + databases.user());
            statement.execute("grant select on scratch_views.notes to " + databases.user());
        }
        SourceConfig source = SourceConfig.database("scratch", SourceType.POSTGRESQL, databases.postgresJdbcUrl(),
                        databases.user(), new Secret(databases.password(), "test"))
                .withSchemas(List.of("scratch_views"))
                .withMetadataRefresh(Duration.ofMillis(300));
        SluiceConfig config = new SluiceConfig(DemoEngines.config(databases).file(),
                SharedDemoDatabases.testWorkRoot(), List.of(source), io.sluice.gateway.config.Limits.DEFAULTS)
                .withAudit(DemoEngines.ownAuditLog())
                .withViews(List.of(new ViewConfig("notes", "select id, note from scratch.notes")));
        try (Engine started = Engine.start(config)) {
            try (ResultCursor cursor = started.execute("select note from notes", ADMIN)) {
                assertThat(cursor.next()).isTrue();
            }
            try (Connection admin = databases.openPostgresAdmin(DemoDatabases.SALES);
                 Statement statement = admin.createStatement()) {
                statement.execute("drop table scratch_views.notes");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            SluiceException failure = null;
            // Until the source's metadata is refreshed, the statement plans and PostgreSQL refuses it.
            while ((failure == null || failure.state() == SqlState.SOURCE_UNAVAILABLE)
                    && System.nanoTime() < deadline) {
                // A new text each time: a cached plan would still name the dropped table.
                try (ResultCursor cursor = started.execute("select note from notes where id > "
                        + (System.nanoTime() & 0xffff), ADMIN)) {
                    cursor.next();
                } catch (SluiceException e) {
                    failure = e;
                }
                Thread.sleep(100);
            }
            assertThat(failure).as("the view fails once its table is gone").isNotNull();
            assertThat(failure.state()).isEqualTo(SqlState.UNDEFINED_TABLE);
            assertThat(failure.getMessage()).startsWith("view notes is broken: ").contains("does not exist");
            assertThat(failure.position()).isEmpty();
        }
    }

    private static String startFailure(ViewConfig... views) {
        SluiceConfig config = DemoEngines.config(SharedDemoDatabases.get()).withViews(List.of(views));
        try (Engine started = Engine.start(config)) {
            throw new AssertionError("expected start-up to fail for " + List.of(views));
        } catch (ConfigException e) {
            assertThat(e.getMessage()).startsWith(config.file().toString());
            return e.getMessage();
        }
    }
}
