package io.sluice.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.gateway.audit.AuditKeys;
import io.sluice.gateway.audit.AuditVerifier;
import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.testing.DemoEngines;
import io.sluice.gateway.testing.SharedDemoDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every statement through the engine leaves exactly one audit record saying how it ended. */
class AuditedStatementsTest {
    static final SessionContext ANA = new SessionContext("ana", List.of("analysts"), Map.of("region", "EU"),
            new SessionContext.Client("10.1.2.3", "psql", "postgresql"));
    static final SessionContext NOBODY = new SessionContext("nobody", List.of(), Map.of());
    static SluiceConfig config;
    static Engine engine;

    @BeforeAll
    static void start() {
        config = DemoEngines.withPolicy(SharedDemoDatabases.get(), DemoEngines.testBundle());
        engine = Engine.start(config);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static long drain(String sql, SessionContext session) {
        long rows = 0;
        try (ResultCursor cursor = engine.execute(sql, session)) {
            while (cursor.next()) {
                rows++;
            }
        }
        return rows;
    }

    /** The statement records (not checkpoints) whose SQL contains {@code marker}. */
    static List<JsonNode> records(String marker) throws IOException {
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

    @Test
    void completedStatementRecordsColumnsReadPolicyAndFragments() throws IOException {
        long rows = drain("select email, count(*) from sales.people /* m-ok */ group by email", ANA);
        List<JsonNode> found = records("m-ok");
        assertThat(found).hasSize(1);
        JsonNode r = found.getFirst();
        assertThat(r.path("outcome").asText()).isEqualTo("ok");
        assertThat(r.path("user").asText()).isEqualTo("ana");
        assertThat(r.path("rows").asLong()).isEqualTo(rows).isPositive();
        // every row carries at least its masked e-mail text and an 8-byte count
        assertThat(r.path("bytes").asLong()).isGreaterThan(rows * 8);
        assertThat(r.path("client").toString()).contains("10.1.2.3").contains("psql");
        assertThat(r.path("tables").toString()).contains("sales.public.people").contains("email")
                // region is read only by the row filter, not by the statement
                .doesNotContain("\"region\"");
        assertThat(r.path("policy").toString()).contains("own_region").contains("pii_email")
                .contains("email_domain");
        assertThat(r.path("fragments").toString()).contains("sales").contains("'EU'");
        assertThat(r.path("hash").asText()).hasSize(64);
    }

    @Test
    void deniedFailedAndCancelledStatementsAreRecordedToo() throws IOException {
        assertThatThrownBy(() -> drain("select * from sales.orders /* m-denied */", NOBODY))
                .isInstanceOf(SluiceException.class);
        assertThatThrownBy(() -> drain("select frm sales.orders /* m-failed */", ANA))
                .isInstanceOf(SluiceException.class);
        try (ResultCursor cursor = engine.execute("select * from sales.lineitem /* m-cancelled */", ANA)) {
            cursor.next();
            cursor.cancel();
            assertThatThrownBy(cursor::next).isInstanceOf(SluiceException.class);
        }
        assertThat(records("m-denied")).singleElement()
                .satisfies(r -> assertThat(r.path("outcome").asText()).isEqualTo("denied"))
                .satisfies(r -> assertThat(r.path("error").toString()).contains("42501").contains("no_grant"));
        assertThat(records("m-failed")).singleElement()
                .satisfies(r -> assertThat(r.path("outcome").asText()).isEqualTo("failed"))
                .satisfies(r -> assertThat(r.path("error").toString()).contains("42601"));
        assertThat(records("m-cancelled")).singleElement()
                .satisfies(r -> assertThat(r.path("outcome").asText()).isEqualTo("cancelled"));
    }

    @Test
    void theLogVerifiesAfterManyStatements() throws IOException {
        for (int i = 0; i < 20; i++) {
            drain("select count(*) from sales.orders /* m-many-" + i + " */", ANA);
        }
        assertThat(records("m-many-")).hasSize(20);
        var report = AuditVerifier.verify(config.audit().directory(),
                AuditKeys.readPublicKey(config.audit().publicKey()));
        assertThat(report.ok()).as(report.toString()).isTrue();
    }
}
