package io.sluice.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.config.ViewConfig;
import io.sluice.gateway.engine.Engine;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.error.SqlState;
import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.testing.DemoEngines;
import io.sluice.gateway.testing.SharedDemoDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Views run with the invoking user's rights: the policy of every table a view reads applies to
 * what the user reads through it, and catalogs list a view only as far as the user may read it.
 * Uses the gateway's test bundle: analysts get their region's people with masks, support ticket
 * bodies (tagged secret) are denied to them, and "nobody" has no grant at all.
 */
class ViewPolicyTest {
    static final SessionContext ADMIN = new SessionContext("admin", List.of("admins"), Map.of());
    static final SessionContext ANA = new SessionContext("ana", List.of("analysts"), Map.of("region", "EU"));
    static final SessionContext NOBODY = new SessionContext("nobody", List.of(), Map.of());
    static final String CONTACTS = "select id, email, national_id, region from sales.people";

    static SluiceConfig config;
    static Engine engine;

    @BeforeAll
    static void start() {
        config = DemoEngines.withPolicy(SharedDemoDatabases.get(), DemoEngines.testBundle()).withViews(List.of(
                new ViewConfig("contacts", CONTACTS, java.util.Optional.of("customer contacts")),
                new ViewConfig("tickets", "select id, status, body from sales.support_tickets"),
                new ViewConfig("refund_tickets", "select id, status from sales.support_tickets"
                        + " where body like '%refund%'")));
        engine = Engine.start(config);
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    static List<List<Object>> rows(String sql, SessionContext session) {
        List<List<Object>> rows = new ArrayList<>();
        try (ResultCursor cursor = engine.execute(sql, session)) {
            while (cursor.next()) {
                rows.add(Arrays.asList(cursor.row().clone()));
            }
        }
        return rows;
    }

    static SluiceException denied(String sql, SessionContext session) {
        try {
            rows(sql, session);
        } catch (SluiceException e) {
            assertThat(e.state()).as(e.getMessage()).isEqualTo(SqlState.INSUFFICIENT_PRIVILEGE);
            return e;
        }
        throw new AssertionError("expected a denial of " + sql + " for " + session.user());
    }

    @Test
    void viewRowsAreFilteredAndMaskedForTheInvokingUser() {
        List<List<Object>> throughView = rows("select id, email, national_id, region from contacts order by id", ANA);
        assertThat(throughView).isNotEmpty()
                .isEqualTo(rows(CONTACTS + " order by id", ANA))
                .allSatisfy(row -> assertThat(row.get(3)).isEqualTo("EU"));
        List<List<Object>> raw = rows("select id, email, national_id, region from contacts order by id", ADMIN);
        assertThat(raw).hasSizeGreaterThan(throughView.size());
        List<Object> first = raw.stream().filter(r -> r.getFirst().equals(throughView.getFirst().getFirst()))
                .findFirst().orElseThrow();
        assertThat(throughView.getFirst().get(1)).isNotEqualTo(first.get(1));
        assertThat(throughView.getFirst().get(2)).isNotEqualTo(first.get(2));
        // A predicate on the view compares masked values, as on the table.
        assertThat(rows("select count(*) from contacts where email = '" + first.get(1) + "'", ANA))
                .containsExactly(List.of(0L));
    }

    @Test
    void readingAViewColumnBuiltOnADeniedColumnIsDenied() {
        assertThat(rows("select id, status from tickets order by id", ANA)).isNotEmpty();
        assertThat(rows("select status, count(*) from tickets group by status order by status", ANA)).isEqualTo(
                rows("select status, count(*) from sales.support_tickets group by status order by status", ADMIN));
        assertThat(denied("select body from tickets", ANA).getMessage())
                .contains("column body of sales.public.support_tickets").contains("secret columns are for admins");
        denied("select * from tickets", ANA);
        denied("select id from tickets where length(body) > 10", ANA);
        // The view filters on the denied column: reading any of its columns reads that column.
        assertThat(denied("select id from refund_tickets", ANA).getMessage()).contains("column body");
        assertThat(rows("select id from refund_tickets", ADMIN)).isEqualTo(
                rows("select id from sales.support_tickets where body like '%refund%'", ADMIN));
    }

    @Test
    void aUserWithoutGrantsOnTheTablesIsDeniedTheView() {
        assertThat(denied("select id from contacts", NOBODY).getMessage()).contains("no_grant")
                .contains("sales.public.people");
    }

    @Test
    void auditRecordsTheTablesUnderTheView() throws IOException {
        rows("select email from contacts /* m-view-audit */", ANA);
        List<JsonNode> found = records("m-view-audit");
        assertThat(found).singleElement().satisfies(r -> {
            assertThat(r.path("tables").toString()).contains("sales.public.people").contains("email")
                    .doesNotContain("national_id");
            assertThat(r.path("policy").toString()).contains("own_region").contains("pii_email");
        });
    }

    @Test
    void catalogsListAViewOnlyAsFarAsTheUserMayReadIt() {
        String views = "select c.relname from pg_catalog.pg_class c join pg_catalog.pg_namespace n"
                + " on c.relnamespace = n.oid where c.relkind = 'v' and n.nspname = 'views' order by c.relname";
        assertThat(rows(views, ADMIN)).containsExactly(List.of("contacts"), List.of("refund_tickets"),
                List.of("tickets"));
        assertThat(rows(views, ANA)).containsExactly(List.of("contacts"), List.of("refund_tickets"),
                List.of("tickets"));
        assertThat(rows(views, NOBODY)).isEmpty();

        String columns = "select column_name from information_schema.columns where table_schema = 'views'"
                + " and table_name = 'tickets' order by ordinal_position";
        assertThat(rows(columns, ADMIN)).containsExactly(List.of("id"), List.of("status"), List.of("body"));
        assertThat(rows(columns, ANA)).containsExactly(List.of("id"), List.of("status"));
        assertThat(rows("select column_name from information_schema.columns where table_name = 'refund_tickets'",
                ANA)).isEmpty();

        String definitions = "select table_name, view_definition from information_schema.views order by table_name";
        assertThat(rows(definitions, ANA)).containsExactly(Arrays.asList("contacts", CONTACTS),
                Arrays.asList("refund_tickets", null), Arrays.asList("tickets", null));
        assertThat(rows(definitions, ADMIN)).extracting(r -> r.get(1)).doesNotContainNull();
        assertThat(rows("select table_type from information_schema.tables where table_name = 'contacts'", ANA))
                .containsExactly(List.of("VIEW"));
        assertThat(rows("select viewname, definition from pg_catalog.pg_views where viewname = 'tickets'", ANA))
                .containsExactly(Arrays.asList("tickets", null));
        assertThat(rows("select d.description from pg_catalog.pg_description d join pg_catalog.pg_class c"
                + " on d.objoid = c.oid where c.relname = 'contacts'", ANA)).containsExactly(
                List.of("customer contacts"));
    }

    @Test
    void definitionAndDescriptionFunctionsAnswerOnlyWhatTheUserMaySee() {
        Object contacts = rows("select oid from pg_catalog.pg_class where relname = 'contacts'", ADMIN)
                .getFirst().getFirst();
        Object tickets = rows("select oid from pg_catalog.pg_class where relname = 'tickets'", ADMIN)
                .getFirst().getFirst();
        String functions = "select pg_catalog.pg_get_viewdef(%s, true), pg_catalog.obj_description(%s, 'pg_class')";
        assertThat(rows(functions.formatted(contacts, contacts), ANA))
                .containsExactly(List.of(CONTACTS, "customer contacts"));
        assertThat(rows(functions.formatted(contacts, contacts), NOBODY))
                .containsExactly(Arrays.asList(null, null));
        assertThat(rows("select pg_catalog.pg_get_viewdef(" + tickets + ")", ANA))
                .containsExactly(Arrays.asList((Object) null));
        assertThat(rows("select pg_catalog.pg_get_viewdef(" + tickets + ")", ADMIN)).containsExactly(
                List.of("select id, status, body from sales.support_tickets"));
    }

    private static List<JsonNode> records(String marker) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(config.audit().directory())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    JsonNode node = json.readTree(line);
                    if (node.has("query_id") && node.path("sql").asText().contains(marker)) {
                        out.add(node);
                    }
                }
            }
        }
        return out;
    }
}
