package io.sluice.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.clients.ClientHarness.Run;
import io.sluice.gateway.testing.SharedDemoDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * pgbench with a custom read-only script (16 clients, 30 s) in extended and prepared query modes: no failed
 * transactions, a positive count, and one {@code pgbench:} line with throughput and latency on stdout (also
 * appended to {@code target/test-work/pgbench-results.txt}). psql checks the same lookups' answers.
 */
class PgbenchClientTest extends GatewayClientTest {
    static final int CLIENTS = 16;
    static final int THREADS = 2;
    static final int SECONDS = 30;
    static final String INSTALL = "apt-get install -y postgresql-client postgresql-contrib";

    @Test
    void everyScriptedLookupHitsAnExistingOrder() {
        // The script maps i in [1, 15000] to the i-th TPC-H order key; check that against the reference.
        List<String> hits = harness.reference("""
                select count(*), count(distinct o_orderkey), (select count(*) from orders)
                from generate_series(1, 15000) as g(i) join orders on o_orderkey = (i / 8) * 32 + i % 8""").getFirst();
        assertThat(hits.get(0)).isEqualTo("15000").isEqualTo(hits.get(1)).isEqualTo(hits.get(2));
    }

    @Test
    void psqlLookupsReturnTheReferenceRows() {
        Optional<Path> psql = ClientHarness.executable("psql");
        ClientHarness.requireClient(psql.isPresent(), "psql", INSTALL);
        List<String> keys = List.of("1", "7", "32", "33", "59328", "60000");
        List<String> command = new ArrayList<>(List.of(psql.get().toString(), "-X", "-At", "-F", "|",
                "-v", "ON_ERROR_STOP=1"));
        List<String> expected = new ArrayList<>();
        for (String key : keys) {
            command.addAll(List.of("-c",
                    "select o_orderkey, o_totalprice, o_orderdate from sales.orders where o_orderkey = " + key));
            expected.add(String.join("|", harness.reference(
                    "select o_orderkey, o_totalprice, o_orderdate from orders where o_orderkey = ?",
                    Long.parseLong(key)).getFirst()));
        }
        Run run = ClientHarness.run(command, harness.connectionEnv("require"), Duration.ofMinutes(2));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout().strip().lines().toList()).isEqualTo(expected);
    }

    @Test
    void sixteenClientsForThirtySecondsInExtendedModeHaveNoFailures() {
        bench("extended");
    }

    @Test
    void sixteenClientsForThirtySecondsInPreparedModeHaveNoFailures() {
        bench("prepared");
    }

    private static void bench(String mode) {
        Optional<Path> pgbench = ClientHarness.executable("pgbench");
        ClientHarness.requireClient(pgbench.isPresent(), "pgbench", INSTALL);
        Path script = ClientHarness.script("pgbench_lookup.sql");
        List<String> command = List.of(pgbench.get().toString(), "-n", "-c", Integer.toString(CLIENTS),
                "-j", Integer.toString(THREADS), "-T", Integer.toString(SECONDS), "-f", script.toString(),
                "-M", mode, "sluice");
        // Host, port, user, password and sslmode=disable come from PG* variables.
        Run run = ClientHarness.run(command, harness.connectionEnv("disable"), Duration.ofSeconds(SECONDS + 120));
        String output = run.stdout() + "\n" + run.stderr();
        assertThat(run.exitCode()).as(run.describe()).isZero();

        long processed = Long.parseLong(find(output, "number of transactions actually processed: (\\d+)"));
        long failed = Long.parseLong(find(output, "number of failed transactions: (\\d+)"));
        String tps = find(output, "tps = ([0-9.]+) \\(without initial connection time\\)");
        String latency = find(output, "latency average = ([0-9.]+) ms");
        assertThat(failed).as(output).isZero();
        assertThat(processed).as(output).isPositive();
        assertThat(output).doesNotContain("ERROR").doesNotContain("FATAL");

        String line = "pgbench: mode=" + mode + " clients=" + CLIENTS + " threads=" + THREADS + " duration=" + SECONDS
                + "s sslmode=disable transactions=" + processed + " failed=" + failed + " tps=" + tps
                + " latency_avg_ms=" + latency + " command=`pgbench -n -c " + CLIENTS + " -j " + THREADS + " -T "
                + SECONDS + " -f gateway/src/test/resources/clients/pgbench_lookup.sql -M " + mode + " sluice`";
        System.out.println(line);
        record(line);
    }

    private static String find(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        assertThat(m.find()).as("pgbench output has /" + regex + "/:\n" + output).isTrue();
        return m.group(1);
    }

    private static void record(String line) {
        try {
            Path file = SharedDemoDatabases.testWorkRoot().resolve("pgbench-results.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, Instant.now() + " " + line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("pgbench: could not record results: " + e.getMessage());
        }
    }
}
