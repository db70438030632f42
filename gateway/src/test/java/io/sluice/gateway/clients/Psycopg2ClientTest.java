package io.sluice.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.clients.ClientHarness.Run;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Python psycopg2 (libpq, simple query protocol, client-side parameter interpolation) and pandas.read_sql over
 * a psycopg2 connection, checked row by row against the reference database.
 */
class Psycopg2ClientTest extends GatewayClientTest {

    @BeforeEach
    void requirePsycopg2() {
        ClientHarness.requirePython("python3-psycopg2", "psycopg2");
    }

    private static JsonNode run(String scenario, String sslmode, Map<String, String> env) {
        Run run = harness.python("psycopg2_check.py", sslmode, env, scenario);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        return run.json();
    }

    @Test
    void queriesOverTlsReturnTheReferenceRowsWithPythonTypes() {
        JsonNode out = run("queries", "require", Map.of(
                "SLUICE_ORDER_KEYS", ClientHarness.keysCsv(KEYS),
                "SLUICE_CUSTKEY_BELOW", Integer.toString(CUSTKEY_BELOW)));

        assertThat(out.get("ssl_in_use").asBoolean()).as("TLS negotiated with sslmode=require").isTrue();

        List<List<String>> expectedLookups = new ArrayList<>();
        for (long key : KEYS) {
            expectedLookups.addAll(harness.reference(
                    "select o_orderkey, o_totalprice, o_orderdate, o_orderstatus from orders where o_orderkey = ?", key));
        }
        List<List<String>> lookups = new ArrayList<>();
        for (JsonNode lookup : out.get("lookups")) {
            lookups.addAll(ClientHarness.rows(List.of(lookup.get("row"))));
            assertThat(ClientHarness.rows(List.of(lookup.get("types"))).getFirst())
                    .as("Python types of bigint, numeric, date, varchar")
                    .containsExactly("int", "Decimal", "date", "str");
        }
        assertThat(lookups).isEqualTo(expectedLookups).hasSize(KEYS.size());

        assertThat(ClientHarness.rows(out.get("by_status"))).isEqualTo(harness.reference(
                "select o_orderstatus, count(*), sum(o_totalprice) from orders group by o_orderstatus order by 1"));

        assertThat(ClientHarness.rows(out.get("customers_by_nation"))).isEqualTo(harness.reference("""
                select n.n_name, count(*) from customer c join nation n on n.n_nationkey = c.c_nationkey
                group by n.n_name order by n.n_name"""));

        List<String> first = harness.reference("""
                select count(*), sum(o_totalprice), min(o_orderkey), max(o_orderkey)
                from orders where o_custkey < ?""", CUSTKEY_BELOW).getFirst();
        JsonNode summary = out.get("orders_of_first_customers");
        assertThat(List.of(summary.get("count").asText(), summary.get("sum").asText(),
                summary.get("first").asText(), summary.get("last").asText())).isEqualTo(first);
        assertThat(Long.parseLong(first.getFirst())).isPositive();

        assertThat(out.get("error").get("sqlstate").asText()).isEqualTo("42703");
        assertThat(out.get("error").get("message").asText()).contains("column \"nope\" does not exist");
        assertThat(out.get("after_error").asText()).as("connection usable after an error and rollback")
                .isEqualTo(harness.reference("select count(*) from region").getFirst().getFirst());
    }

    @Test
    void dateParameterInterpolatedWithACastFiltersLikeTheReference() {
        LocalDate date = LocalDate.of(1993, 1, 1);
        JsonNode out = run("date_param", "disable", Map.of("SLUICE_DATE", date.toString()));
        List<String> expected = harness.reference("""
                select count(*), sum(o_totalprice), min(o_orderkey), max(o_orderkey)
                from orders where o_orderdate < ?""", date).getFirst();
        JsonNode summary = out.get("early_orders");
        assertThat(List.of(summary.get("count").asText(), summary.get("sum").asText(),
                summary.get("first").asText(), summary.get("last").asText())).isEqualTo(expected);
    }

    @Test
    void pandasReadSqlOfAPlainSelectThroughPsycopg2MatchesTheReference() {
        ClientHarness.requirePython("python3-pandas", "pandas");
        JsonNode out = run("pandas", "disable", Map.of());

        assertThat(ClientHarness.rows(List.of(out.get("columns"))).getFirst())
                .containsExactly("o_orderpriority", "orders", "revenue", "first_order");
        assertThat(out.get("dtypes").get(1).asText()).as("count(*) becomes an integer column").isEqualTo("int64");

        List<List<String>> expected = harness.reference("""
                select o_orderpriority, count(*), sum(o_totalprice), min(o_orderdate)
                from orders group by o_orderpriority order by o_orderpriority""");
        List<List<String>> actual = ClientHarness.rows(out.get("rows"));
        assertThat(actual).hasSameSizeAs(expected).hasSize(5);
        for (int i = 0; i < expected.size(); i++) {
            List<String> want = expected.get(i);
            List<String> got = actual.get(i);
            assertThat(got.get(0)).isEqualTo(want.get(0));
            assertThat(got.get(1)).isEqualTo(want.get(1));
            // pandas coerces Decimal to float64 by default: equal to the cent.
            assertThat(Double.parseDouble(got.get(2))).isCloseTo(new BigDecimal(want.get(2)).doubleValue(), within(0.005));
            assertThat(got.get(3)).isEqualTo(want.get(3));
        }
    }
}
