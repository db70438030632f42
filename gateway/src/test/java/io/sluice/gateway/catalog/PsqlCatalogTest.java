package io.sluice.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real psql's catalog meta-commands against Sluice, over the demo sources. */
class PsqlCatalogTest {
    static final Path PSQL = Path.of("/usr/bin/psql");
    static CatalogGateway gateway;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(Files.isExecutable(PSQL), "psql is not installed at " + PSQL + "; skipping");
        gateway = CatalogGateway.start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** Runs one psql command unaligned and tuples-only; fails on a non-zero exit with psql's stderr. */
    static List<String> psql(String command) throws IOException, InterruptedException {
        return psql(gateway, command);
    }

    /** As {@link #psql(String)}, against another catalog gateway. */
    static List<String> psql(CatalogGateway gateway, String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(PSQL.toString(), "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                "-h", "127.0.0.1", "-p", String.valueOf(gateway.port()), "-U", CatalogGateway.USER, "-d", "sluice",
                "-c", command);
        builder.environment().put("PGPASSWORD", CatalogGateway.PASSWORD);
        builder.environment().put("PGSSLMODE", "disable");
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("psql %s failed: %s", command, err).isZero();
        assertThat(err).as("psql %s wrote to stderr", command).isEmpty();
        return out.lines().toList();
    }

    @Test
    void listTablesShowsEverySourceTable() throws Exception {
        List<String> rows = psql("\\dt");
        assertThat(rows).contains("sales|orders|table|sluice", "sales|lineitem|table|sluice",
                "crm|customer|table|sluice", "lake|nation|table|sluice", "lake|region|table|sluice");
        assertThat(rows).noneMatch(r -> r.startsWith("pg_catalog|") || r.startsWith("information_schema|"));
    }

    @Test
    void listSchemasShowsOneNamespacePerSource() throws Exception {
        // Other tests may add schemas to the shared sales database; each would be one more "sales.x".
        List<String> rows = psql("\\dn");
        assertThat(rows).extracting(r -> r.substring(0, r.indexOf('|'))).isSorted();
        assertThat(rows).contains("crm|sluice", "lake|sluice", "sales|sluice", "sales.sluice_demo|sluice")
                .allMatch(r -> r.matches("(crm|lake|sales|sales\\.[a-z_0-9]+)\\|sluice"));
    }

    @Test
    void listDatabasesShowsSluice() throws Exception {
        List<String> rows = psql("\\l");
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst()).startsWith("sluice|sluice|UTF8|");
    }

    @Test
    void describeTableShowsItsColumnsAndTypes() throws Exception {
        List<String> rows = psql("\\d crm.customer");
        assertThat(rows).containsExactly("c_custkey|bigint||not null|", "c_name|character varying(25)||not null|",
                "c_address|character varying(40)||not null|", "c_nationkey|bigint||not null|",
                "c_phone|character varying(15)||not null|", "c_acctbal|numeric(15,2)||not null|",
                "c_mktsegment|character varying(10)||not null|", "c_comment|character varying(117)||not null|");
    }

    @Test
    void listTablesOfOneSchemaByPattern() throws Exception {
        assertThat(psql("\\dt crm.*")).containsExactly("crm|customer|table|sluice", "crm|part|table|sluice",
                "crm|supplier|table|sluice");
    }

    @Test
    void describeByUnqualifiedNameFindsTheTable() throws Exception {
        List<String> rows = psql("\\d region");
        assertThat(rows).anyMatch(r -> r.startsWith("r_regionkey|"));
        assertThat(rows).anyMatch(r -> r.startsWith("r_name|"));
    }
}
