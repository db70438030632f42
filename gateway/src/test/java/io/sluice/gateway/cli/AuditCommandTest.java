package io.sluice.gateway.cli;

import static io.sluice.gateway.cli.SluiceCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.gateway.audit.AuditLog;
import io.sluice.gateway.audit.AuditRecord;
import io.sluice.gateway.audit.AuditRecord.Outcome;
import io.sluice.gateway.audit.AuditSettings;
import io.sluice.gateway.cli.SluiceCliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
    @TempDir
    Path tmp;

    private Path dir;
    private final Instant now = Instant.now();

    @BeforeEach
    void writeALog() {
        dir = tmp.resolve("audit");
        try (AuditLog log = AuditLog.open(AuditSettings.defaults(dir).withFsync(false))) {
            Stream.of(
                    AuditRecord.builder("q1", "ana", "select o_totalprice from sales.public.orders")
                            .groups(List.of("analysts")).time(now.minus(Duration.ofHours(2)))
                            .table("sales.public.orders", List.of("o_totalprice")).rows(10).build(),
                    AuditRecord.builder("q2", "uma", "select national_id from sales.public.people")
                            .groups(List.of("analysts")).time(now.minus(Duration.ofHours(1)))
                            .table("sales.public.people", List.of("national_id"))
                            .error(Outcome.DENIED, "42501", "column national_id is restricted to hr").build(),
                    AuditRecord.builder("q3", "uma", "select c_name from crm.crm.customer")
                            .groups(List.of("analysts")).time(now.minus(Duration.ofDays(30)))
                            .table("crm.crm.customer", List.of("c_name")).build())
                    .map(log::append).toList().forEach(f -> f.join());
        }
    }

    @Test
    void verifyPassesOnAnIntactLogAndNamesTheFirstBrokenRecord() throws Exception {
        Run ok = run("audit", "verify", dir.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("3 statement(s)", "OK: the hash chain and every signature check out");

        Path file;
        try (Stream<Path> files = Files.list(dir)) {
            file = files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).findFirst().orElseThrow();
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, lines.get(2).replace("\"user\":\"uma\"", "\"user\":\"ana\""));
        Files.write(file, lines);
        Run broken = run("audit", "verify", dir.toString());
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.out()).contains("BROKEN at " + file.getFileName() + ":3 (seq 3): the hash does not match");
    }

    @Test
    void verifyWithoutAPublicKeySaysWhichFileIsMissing() {
        Run run = run("audit", "verify", dir.toString(), "--public-key", tmp.resolve("nope.pem").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("sluice: " + tmp.resolve("nope.pem") + ": no such public key file");
    }

    @Test
    void searchFiltersAndPrintsJsonOrATable() throws Exception {
        Run json = run("audit", "search", dir.toString(), "--user", "uma", "--format", "json");
        assertThat(json.exit()).isZero();
        List<JsonNode> found = json.out().lines().map(AuditCommandTest::parse).toList();
        assertThat(found).extracting(n -> n.get("query_id").asText()).containsExactly("q2", "q3");

        Run denied = run("audit", "search", dir.toString(), "--table", "public.people", "--outcome", "denied",
                "--column", "national_id", "--format", "json");
        assertThat(denied.out().lines().map(l -> parse(l).get("query_id").asText())).containsExactly("q2");

        Run recent = run("audit", "search", dir.toString(), "--since", "7d", "--text", "O_TOTALPRICE");
        assertThat(recent.out()).contains(" seq ", " ana ", "select o_totalprice from sales.public.orders",
                "(1 statement)").doesNotContain("uma");

        Run old = run("audit", "search", dir.toString(), "--until", "2d", "--format", "json");
        assertThat(old.out().lines().map(l -> parse(l).get("query_id").asText())).containsExactly("q3");

        Run bad = run("audit", "search", dir.toString(), "--outcome", "maybe");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--outcome must be ok, denied, failed or cancelled");
        Run badTime = run("audit", "search", dir.toString(), "--since", "yesterday");
        assertThat(badTime.exit()).isEqualTo(2);
        assertThat(badTime.err()).contains("--since: 'yesterday' is not a time");
    }

    @Test
    void unusedListsGrantsNobodyExercisedAndIdleUsers() throws Exception {
        Path bundle = Files.createDirectories(tmp.resolve("bundle"));
        Files.writeString(bundle.resolve("data.json"), """
                {"sluice": {"roles": {"grants": [
                  {"group": "analysts", "source": "sales", "schema": "public", "table": "orders"},
                  {"group": "analysts", "source": "crm"},
                  {"user": "sam", "source": "lake", "comment": "auditor reads files"}
                ]}}}
                """);
        Run run = run("audit", "unused", dir.toString(), "--days", "7", "--bundle", bundle.toString(),
                "-c", tmp.resolve("absent.yaml").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("(7 days, 3 grants)", "grants nobody used (2):", "  group:analysts  crm\n",
                "  user:sam  lake\n", "users who did not use their access (2):", "  sam\n", "  uma\n")
                .doesNotContain("group:analysts  sales.public.orders").doesNotContain("  ana\n");
    }

    @Test
    void unusedWithoutGrantsSaysWhatShapeItExpects() throws Exception {
        Path bundle = Files.createDirectories(tmp.resolve("bundle"));
        Files.writeString(bundle.resolve("data.json"), "{\"roles\": {}}");
        Run run = run("audit", "unused", dir.toString(), "--days", "7", "--bundle", bundle.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no 'grants' array", "\"group\": \"analysts\"");
    }

    private static JsonNode parse(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
