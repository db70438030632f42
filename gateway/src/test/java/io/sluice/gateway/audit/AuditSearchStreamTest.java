package io.sluice.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.audit.AuditEntry.Statement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the statement records lazily, as {@code sys.audit} does. */
class AuditSearchStreamTest {
    @TempDir
    Path dir;

    @Test
    void streamsEveryStatementRecordInOrderAndSkipsCheckpoints() {
        AuditFixtures.write(AuditFixtures.settings(dir), Clock.systemUTC(), 25);
        try (Stream<Statement> statements = new AuditSearch(dir).stream()) {
            List<String> ids = statements.map(s -> s.record().queryId()).toList();
            assertThat(ids).hasSize(25).first().isEqualTo("q_1");
            assertThat(ids).last().isEqualTo("q_25");
        }
    }

    @Test
    void tornLastLineIsSkippedNotCountedAsBroken() throws IOException {
        AuditFixtures.write(AuditFixtures.settings(dir), Clock.systemUTC(), 3);
        Path last = AuditFiles.list(dir).getLast();
        Files.writeString(last, "{\"seq\":99,\"time\":\"2026-11-22T10:00:0", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        AuditSearch search = new AuditSearch(dir);
        try (Stream<Statement> statements = search.stream()) {
            assertThat(statements.map(s -> s.record().queryId())).containsExactly("q_1", "q_2", "q_3");
        }
        assertThat(search.skipped()).isZero();
    }

    @Test
    void brokenCompleteLineIsSkippedAndCounted() throws IOException {
        AuditFixtures.write(AuditFixtures.settings(dir), Clock.systemUTC(), 2);
        Path last = AuditFiles.list(dir).getLast();
        Files.writeString(last, "not json\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        AuditSearch search = new AuditSearch(dir);
        try (Stream<Statement> statements = search.stream()) {
            assertThat(statements.count()).isEqualTo(2);
        }
        assertThat(search.skipped()).isEqualTo(1);
    }
}
