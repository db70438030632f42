package io.sluice.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.clients.ClientHarness.Run;
import io.sluice.gateway.testing.SharedDemoDatabases;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * node-postgres ({@code pg} from npm): unnamed and named prepared statements, rowMode arrays, a numeric
 * parameter sent as untyped text, TLS, and an error that leaves the connection usable.
 *
 * <p>{@code pg} is looked up in {@value #NODE_MODULES_ENV}, then {@code gateway/target/node-clients/node_modules}
 * (where {@code .ci/run} installs it), then the global npm root.
 */
class NodePgClientTest extends GatewayClientTest {
    static final String NODE_MODULES_ENV = "SLUICE_NODE_MODULES";
    static final String INSTALL = "npm install --prefix gateway/target/node-clients --no-save pg@8";
    static final BigDecimal ACCTBAL = new BigDecimal("5000.50");

    static Optional<Path> nodeModulesWithPg() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv(NODE_MODULES_ENV);
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        candidates.add(SharedDemoDatabases.testWorkRoot().getParent().resolve("node-clients").resolve("node_modules"));
        ClientHarness.executable("npm").ifPresent(npm -> {
            Run root = ClientHarness.run(List.of(npm.toString(), "root", "-g"), Map.of(), Duration.ofSeconds(60));
            if (root.exitCode() == 0 && !root.stdout().isBlank()) {
                candidates.add(Path.of(root.stdout().strip()));
            }
        });
        return candidates.stream().filter(dir -> Files.isRegularFile(dir.resolve("pg").resolve("package.json"))).findFirst();
    }

    @Test
    void preparedStatementsAndArrayRowsMatchTheReferenceOverTls() {
        Optional<Path> node = ClientHarness.executable("node");
        ClientHarness.requireClient(node.isPresent(), "node (Node.js)", "apt-get install -y nodejs npm");
        Optional<Path> modules = nodeModulesWithPg();
        ClientHarness.requireClient(modules.isPresent(), "node-postgres (npm package pg)", INSTALL);

        Map<String, String> env = harness.connectionEnv("require");
        env.put("NODE_PATH", modules.get().toString());
        env.put("SLUICE_ORDER_KEYS", ClientHarness.keysCsv(KEYS));
        env.put("SLUICE_ACCTBAL", ACCTBAL.toPlainString());
        Run run = ClientHarness.run(List.of(node.get().toString(), ClientHarness.script("node_pg_check.js").toString()),
                env, Duration.ofMinutes(3));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode out = run.json();

        assertThat(out.get("ssl_in_use").asBoolean()).isTrue();

        List<List<String>> expected = new ArrayList<>();
        List<String> expectedPrices = new ArrayList<>();
        for (long key : KEYS) {
            List<List<String>> rows = harness.reference(
                    "select o_orderkey, o_totalprice, o_orderdate, o_orderstatus from orders where o_orderkey = ?", key);
            expected.addAll(rows);
            expectedPrices.add(rows.getFirst().get(1));
        }
        assertThat(ClientHarness.rows(out.get("lookups"))).hasSize(KEYS.size()).isEqualTo(expected);
        assertThat(out.get("field_type_oids").toString()).as("int8, numeric, date, varchar")
                .isEqualTo("[20,1700,1082,1043]");
        assertThat(ClientHarness.rows(List.of(out.get("prepared_prices"))).getFirst())
                .as("a named prepared statement re-bound for every key").isEqualTo(expectedPrices);

        assertThat(ClientHarness.rows(out.get("by_status"))).isEqualTo(harness.reference(
                "select o_orderstatus, count(*), sum(o_totalprice) from orders group by o_orderstatus order by 1"));

        List<List<String>> rich = harness.reference("""
                select n.n_name, count(*) from customer c join nation n on n.n_nationkey = c.c_nationkey
                where c.c_acctbal > ? group by n.n_name order by n.n_name""", ACCTBAL);
        assertThat(rich).isNotEmpty();
        assertThat(ClientHarness.rows(out.get("rich_customers_by_nation"))).isEqualTo(rich);

        assertThat(out.get("error").get("sqlstate").asText()).isEqualTo("42703");
        assertThat(out.get("error").get("position").asText()).as("1-based position of `nope`").isEqualTo("8");
        assertThat(out.get("after_error").asText())
                .isEqualTo(harness.reference("select count(*) from region").getFirst().getFirst());
    }
}
