package io.sluice.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.clients.ClientHarness.Run;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SQLAlchemy 1.4 over psycopg2: {@code inspect()} reflection and {@code pandas.read_sql} through an Engine. Both
 * need Sluice's pg_catalog emulation (SQLAlchemy queries it on connect and to reflect), so each test is skipped
 * — only — when the gateway answers that a pg_catalog relation does not exist; any other error fails.
 */
class SqlAlchemyClientTest extends GatewayClientTest {

    @BeforeEach
    void requireSqlAlchemy() {
        ClientHarness.requirePython("python3-sqlalchemy python3-psycopg2 python3-pandas", "sqlalchemy", "psycopg2", "pandas");
    }

    /** Runs a scenario; skips when pg_catalog is missing, fails on any other database error. */
    private static JsonNode run(String scenario) {
        Run run = harness.python("sqlalchemy_check.py", "require",
                Map.of("SLUICE_CUSTKEY_BELOW", Integer.toString(CUSTKEY_BELOW)), scenario);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode out = run.json();
        JsonNode error = out.get("error");
        if (error != null) {
            String message = error.path("message").asText();
            Assumptions.assumeFalse(message.contains("relation \"pg_catalog"),
                    () -> "pg_catalog emulation missing in the gateway: " + message.strip()
                            + " (statement: " + error.path("statement").asText().strip() + ")");
            throw new AssertionError("SQLAlchemy " + scenario + " failed with SQLSTATE " + error.path("sqlstate").asText()
                    + ": " + message.strip() + "\nstatement: " + error.path("statement").asText());
        }
        return out;
    }

    @Test
    void inspectReflectsSchemasTablesColumnsAndPrimaryKeyOfTheSource() {
        JsonNode out = run("inspect");

        assertThat(ClientHarness.rows(List.of(out.get("schemas"))).getFirst()).contains("sales", "crm", "lake");

        List<String> salesTables = harness.salesSource("""
                select table_name from information_schema.tables
                where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name""")
                .stream().map(List::getFirst).toList();
        assertThat(ClientHarness.rows(List.of(out.get("sales_tables"))).getFirst()).containsExactlyElementsOf(salesTables);

        List<String> columns = harness.salesSource("""
                select column_name from information_schema.columns
                where table_schema = 'public' and table_name = 'orders' order by ordinal_position""")
                .stream().map(List::getFirst).toList();
        assertThat(ClientHarness.rows(List.of(out.get("orders_columns"))).getFirst()).containsExactlyElementsOf(columns);

        List<String> types = harness.salesSource("""
                select case data_type
                         when 'character varying' then 'VARCHAR(' || character_maximum_length || ')'
                         when 'numeric' then 'NUMERIC(' || numeric_precision || ', ' || numeric_scale || ')'
                         else upper(data_type) end
                from information_schema.columns
                where table_schema = 'public' and table_name = 'orders' order by ordinal_position""")
                .stream().map(List::getFirst).toList();
        assertThat(ClientHarness.rows(List.of(out.get("orders_types"))).getFirst()).containsExactlyElementsOf(types);

        List<String> primaryKey = harness.salesSource("""
                select a.attname from pg_index i
                join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
                where i.indrelid = 'public.orders'::regclass and i.indisprimary order by a.attnum""")
                .stream().map(List::getFirst).toList();
        assertThat(ClientHarness.rows(List.of(out.get("orders_pk"))).getFirst()).containsExactlyElementsOf(primaryKey);
    }

    @Test
    void pandasReadSqlThroughAnEngineMatchesTheReference() {
        JsonNode out = run("read_sql");
        assertThat(ClientHarness.rows(List.of(out.get("columns"))).getFirst())
                .containsExactly("o_orderpriority", "orders", "revenue");
        List<List<String>> expected = harness.reference("""
                select o_orderpriority, count(*), sum(o_totalprice) from orders
                where o_custkey < ? group by o_orderpriority order by o_orderpriority""", CUSTKEY_BELOW);
        assertThat(expected).isNotEmpty();
        assertThat(ClientHarness.rows(out.get("rows"))).isEqualTo(expected);
    }
}
