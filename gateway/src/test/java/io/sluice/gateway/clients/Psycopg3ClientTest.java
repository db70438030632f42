package io.sluice.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.clients.ClientHarness.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Python psycopg 3: binary result format, server-side prepared statements and a named (server-side) cursor. */
class Psycopg3ClientTest extends GatewayClientTest {

    @BeforeEach
    void requirePsycopg3() {
        ClientHarness.requirePython("python3-psycopg", "psycopg");
    }

    private static JsonNode run(String scenario, String sslmode) {
        Run run = harness.python("psycopg3_check.py", sslmode, Map.of(
                "SLUICE_ORDER_KEYS", ClientHarness.keysCsv(KEYS),
                "SLUICE_CUSTKEY_BELOW", Integer.toString(CUSTKEY_BELOW),
                "SLUICE_DATE", DATE.toString()), scenario);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        return run.json();
    }

    @Test
    void binaryResultsAndPreparedLookupsDecodeToTheReferenceValues() {
        JsonNode out = run("binary", "require");

        assertThat(out.get("ssl_in_use").asBoolean()).isTrue();
        assertThat(out.get("result_formats").toString()).as("every column came back in binary format").isEqualTo("[1]");
        assertThat(out.get("by_status_formats").toString()).isEqualTo("[1]");

        List<List<String>> expected = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) { // the second pass runs as a server-side prepared statement
            for (long key : KEYS) {
                expected.addAll(harness.reference("""
                        select o_orderkey, o_totalprice, o_orderdate, o_orderstatus, o_comment
                        from orders where o_orderkey = ?""", key));
            }
        }
        List<List<String>> lookups = new ArrayList<>();
        for (JsonNode lookup : out.get("lookups")) {
            lookups.add(ClientHarness.rows(List.of(lookup.get("row"))).getFirst());
            assertThat(ClientHarness.rows(List.of(lookup.get("types"))).getFirst())
                    .containsExactly("int", "Decimal", "date", "str", "str");
        }
        assertThat(lookups).hasSize(2 * KEYS.size()).isEqualTo(expected);

        assertThat(ClientHarness.rows(out.get("by_status"))).isEqualTo(harness.reference("""
                select o_orderstatus, count(*), sum(o_totalprice), min(o_orderdate)
                from orders group by o_orderstatus order by o_orderstatus"""));
        assertThat(ClientHarness.rows(List.of(out.get("by_status_types"))).getFirst())
                .containsExactly("str", "int", "Decimal", "date");

        assertThat(ClientHarness.rows(List.of(out.get("before_date"))).getFirst()).as("binary date parameter")
                .isEqualTo(harness.reference("select count(*), sum(o_totalprice) from orders where o_orderdate < ?", DATE)
                        .getFirst());

        assertThat(out.get("error").get("sqlstate").asText()).isEqualTo("42703");
        assertThat(out.get("after_error").asText())
                .isEqualTo(harness.reference("select count(*) from region").getFirst().getFirst());
    }

    @Test
    void namedServerSideCursorStreamsAllRowsInBatches() {
        JsonNode out = run("named_cursor", "disable");
        assertThat(out.get("first_batch").asInt()).isEqualTo(10);
        List<String> expected = harness.reference("""
                select count(*), sum(o_totalprice), min(o_orderkey), max(o_orderkey)
                from orders where o_custkey < ?""", CUSTKEY_BELOW).getFirst();
        JsonNode summary = out.get("summary");
        assertThat(List.of(summary.get("count").asText(), summary.get("sum").asText(),
                summary.get("first").asText(), summary.get("last").asText())).isEqualTo(expected);
    }
}
