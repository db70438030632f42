package io.sluice.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.clients.ClientHarness.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Python asyncpg: extended protocol with binary formats throughout, explicit prepared statements, typed date
 * parameters and a cursor that reads a portal in row-limited batches.
 */
class AsyncpgClientTest extends GatewayClientTest {

    @BeforeEach
    void requireAsyncpg() {
        ClientHarness.requirePython("python3-asyncpg", "asyncpg");
    }

    private static JsonNode run(String sslmode) {
        Run run = harness.python("asyncpg_check.py", sslmode, Map.of(
                "SLUICE_ORDER_KEYS", ClientHarness.keysCsv(KEYS),
                "SLUICE_CUSTKEY_BELOW", Integer.toString(CUSTKEY_BELOW),
                "SLUICE_DATE", DATE.toString()));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        return run.json();
    }

    @Test
    void preparedStatementsCursorsAndTypedParametersMatchTheReferenceOverTls() {
        JsonNode out = run("require");
        assertThat(out.get("ssl_in_use").asBoolean()).isTrue();
        assertAnswers(out);
    }

    @Test
    void sameAnswersWithoutTls() {
        JsonNode out = run("disable");
        assertThat(out.get("ssl_in_use").asBoolean()).isFalse();
        assertAnswers(out);
    }

    private static void assertAnswers(JsonNode out) {
        List<List<String>> expected = new ArrayList<>();
        List<String> expectedPrices = new ArrayList<>();
        for (long key : KEYS) {
            List<List<String>> rows = harness.reference(
                    "select o_orderkey, o_totalprice, o_orderdate, o_orderstatus from orders where o_orderkey = ?", key);
            expected.addAll(rows);
            expectedPrices.add(rows.getFirst().get(1));
        }
        List<List<String>> lookups = new ArrayList<>();
        for (JsonNode lookup : out.get("lookups")) {
            lookups.add(ClientHarness.rows(List.of(lookup.get("row"))).getFirst());
            assertThat(ClientHarness.rows(List.of(lookup.get("types"))).getFirst())
                    .containsExactly("int", "Decimal", "date", "str");
        }
        assertThat(lookups).hasSize(KEYS.size()).isEqualTo(expected);

        assertThat(ClientHarness.rows(List.of(out.get("prepared_prices"))).getFirst()).isEqualTo(expectedPrices);
        assertThat(out.get("prepared_parameter_types").toString()).isEqualTo("[\"int8\"]");

        assertThat(out.get("orders_before_date").asText()).isEqualTo(
                harness.reference("select count(*) from orders where o_orderdate < ?", DATE).getFirst().getFirst());

        List<String> cursor = harness.reference("""
                select count(*), sum(o_totalprice), min(o_orderkey), max(o_orderkey)
                from orders where o_custkey < ?""", CUSTKEY_BELOW).getFirst();
        JsonNode summary = out.get("cursor");
        assertThat(List.of(summary.get("count").asText(), summary.get("sum").asText(),
                summary.get("first").asText(), summary.get("last").asText()))
                .as("a cursor with prefetch=50 reads every row across several portal suspensions")
                .isEqualTo(cursor);
        assertThat(Long.parseLong(cursor.getFirst())).isGreaterThan(50);

        assertThat(ClientHarness.rows(out.get("customers_by_nation"))).isEqualTo(harness.reference("""
                select n.n_name, count(*) from customer c join nation n on n.n_nationkey = c.c_nationkey
                group by n.n_name order by n.n_name"""));

        assertThat(out.get("error").get("sqlstate").asText()).isEqualTo("42703");
        assertThat(out.get("error").get("message").asText()).contains("column \"nope\" does not exist");
        assertThat(out.get("after_error").asText())
                .isEqualTo(harness.reference("select count(*) from region").getFirst().getFirst());
    }
}
