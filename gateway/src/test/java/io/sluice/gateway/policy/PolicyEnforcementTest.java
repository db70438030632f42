package io.sluice.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.gateway.engine.Engine;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.error.SqlState;
import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.testing.DemoEngines;
import io.sluice.gateway.testing.SharedDemoDatabases;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Policies decide what each user's statements return: filtered rows, masked columns, denials. */
class PolicyEnforcementTest {
    static final SessionContext ADMIN = new SessionContext("admin", List.of("admins"), Map.of());
    static final SessionContext ANA = new SessionContext("ana", List.of("analysts"), Map.of("region", "EU"));
    static final SessionContext NOBODY = new SessionContext("nobody", List.of(), Map.of());

    static Engine engine;

    @BeforeAll
    static void start() {
        engine = Engine.start(DemoEngines.withPolicy(SharedDemoDatabases.get(), DemoEngines.testBundle()));
    }

    @AfterAll
    static void stop() {
        engine.close();
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

    @Test
    void analystSeesOnlyHerRegionsRows() {
        long all = ((Number) rows("select count(*) from sales.people", ADMIN).getFirst().getFirst()).longValue();
        long eu = ((Number) rows("select count(*) from sales.people where region = 'EU'", ADMIN).getFirst()
                .getFirst()).longValue();
        assertThat(eu).isPositive().isLessThan(all);
        assertThat(rows("select count(*) from sales.people", ANA).getFirst().getFirst()).isEqualTo(eu);
        assertThat(rows("select distinct region from sales.people", ANA)).containsExactly(List.of("EU"));
    }

    @Test
    void masksReplaceValuesAndKeepTypes() {
        List<List<Object>> raw = rows("select email, phone, national_id, birth_date from sales.people where id = "
                + "(select min(id) from sales.people where region = 'EU')", ADMIN);
        List<List<Object>> masked = rows("select email, phone, national_id, birth_date from sales.people where id = "
                + "(select min(id) from sales.people where region = 'EU')", ANA);
        String email = (String) raw.getFirst().get(0);
        String phone = (String) raw.getFirst().get(1);
        assertThat(masked.getFirst().get(0)).isEqualTo("*****" + email.substring(email.indexOf('@')));
        assertThat((String) masked.getFirst().get(1)).endsWith(phone.substring(phone.length() - 4))
                .startsWith("xxxx").hasSize(phone.length());
        assertThat(masked.getFirst().get(2)).isEqualTo(MaskFunctions.hash((String) raw.getFirst().get(2))
                .substring(0, ((String) masked.getFirst().get(2)).length())).isNotEqualTo(raw.getFirst().get(2));
        assertThat(masked.getFirst().get(3).toString()).endsWith("-01-01")
                .startsWith(raw.getFirst().get(3).toString().substring(0, 4));
    }

    @Test
    void userWithoutGrantsIsDeniedNamingTheRuleAndTheTable() {
        assertThatThrownBy(() -> rows("select count(*) from sales.orders", NOBODY))
                .isInstanceOf(SluiceException.class)
                .satisfies(e -> assertThat(((SluiceException) e).state()).isEqualTo(SqlState.INSUFFICIENT_PRIVILEGE))
                .hasMessageContaining("no_grant").hasMessageContaining("sales.public.orders")
                .hasMessageNotContaining("crm");
    }

    @Test
    void readingADeniedColumnIsRefusedButOtherColumnsOfTheTableAreNot() {
        assertThatThrownBy(() -> rows("select body from sales.support_tickets limit 1", ANA))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("column body of sales.public.support_tickets")
                .hasMessageContaining("secret columns are for admins only");
        assertThat(rows("select count(*), max(status) from sales.support_tickets", ANA)).hasSize(1);
    }

    @Test
    void countingRowsOfATableWithADeniedColumnDoesNotReadThatColumn() {
        Object viaStatus = rows("select count(status) from sales.support_tickets", ANA).getFirst().getFirst();
        assertThat(rows("select count(*) from sales.support_tickets", ANA).getFirst().getFirst())
                .isEqualTo(viaStatus);
        // count(body) of the NOT NULL body is count(*) by the time policy sees the plan: it reads no value.
        assertThatThrownBy(() -> rows("select max(body) from sales.support_tickets", ANA))
                .hasMessageContaining("column body of sales.public.support_tickets");
        assertThatThrownBy(() -> rows("select count(*) from sales.support_tickets group by body", ANA))
                .hasMessageContaining("column body of sales.public.support_tickets");
    }

    @Test
    void filterAndStandardSqlMasksReachTheSourceAsSql() {
        String explain = String.join("\n", rows("explain select email from sales.people", ANA).stream()
                .map(r -> (String) r.getFirst()).toList());
        assertThat(explain).contains("'EU'").containsIgnoringCase("POSITION");
    }

    @Test
    void aMaskOnlySluiceComputesDoesNotMakeTheSourceSendEveryColumn() {
        // phone's mask is one of Sluice's own functions; email's is standard SQL. Whether email's
        // mask runs at the source or in Sluice is the optimizer's cost-based choice here.
        String explain = String.join("\n", rows("explain select email, phone from sales.people where id < 50", ANA)
                .stream().map(r -> (String) r.getFirst()).toList());
        String fragment = explain.substring(explain.indexOf("Fragment 1 on sales:"));
        assertThat(fragment).contains("'EU'").contains("\"phone\"").contains("\"email\"")
                .doesNotContain("SELECT *").doesNotContain("national_id");
        assertThat(explain.substring(0, explain.indexOf("Fragment 1"))).contains("sluice_mask_show_last_4");
        List<List<Object>> raw = rows("select email, phone from sales.people where id < 50 and region = 'EU'"
                + " order by id", ADMIN);
        List<List<Object>> masked = rows("select email, phone from sales.people where id < 50 order by id", ANA);
        assertThat(masked).hasSameSizeAs(raw).isNotEmpty();
        for (int i = 0; i < raw.size(); i++) {
            String email = (String) raw.get(i).get(0);
            String phone = (String) raw.get(i).get(1);
            assertThat(masked.get(i).get(0)).isEqualTo("*****" + email.substring(email.indexOf('@')));
            assertThat((String) masked.get(i).get(1)).startsWith("xxxx").hasSize(phone.length())
                    .endsWith(phone.substring(phone.length() - 4));
        }
    }

    @Test
    void policyExplainShowsRulesAndSourceSqlWithoutRunning() {
        List<String> lines = engine.explainPolicy("select email, region from sales.people", ANA);
        String text = String.join("\n", lines);
        assertThat(text).startsWith("Decision: allow")
                .contains("row filter region = user_attribute('region')   [rule own_region]")
                .contains("mask email with email_domain   [rule pii_email]")
                .contains("Reads sales.public.people (email, region)")
                .contains("Fragment 1 on sales:").contains("'EU'");
        assertThat(engine.explainPolicy("select * from sales.orders", NOBODY).getFirst()).isEqualTo("Decision: deny");
    }

    @Test
    void explainPolicyOverTheWireIsForAdminsAndAuditorsOnly() {
        assertThat(rows("explain (policy) select email from sales.people", ADMIN).getFirst().getFirst())
                .asString().startsWith("Decision: allow");
        assertThatThrownBy(() -> rows("explain (policy) select email from sales.people", ANA))
                .isInstanceOf(SluiceException.class).hasMessageContaining("EXPLAIN (POLICY) is for members of");
    }
}
