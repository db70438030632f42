package io.sluice.gateway.audit;

import static io.sluice.gateway.audit.AuditFixtures.T0;
import static io.sluice.gateway.audit.AuditFixtures.full;
import static io.sluice.gateway.audit.AuditFixtures.settings;
import static io.sluice.gateway.audit.AuditFixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.sluice.gateway.audit.AuditFixtures.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    @TempDir
    Path dir;

    @Test
    void everyAppendGetsTheNextSeqAndTheChainVerifies() {
        AuditSettings settings = settings(dir);
        List<Long> seqs = new ArrayList<>();
        try (AuditLog log = AuditLog.open(settings)) {
            for (int i = 1; i <= 5; i++) {
                seqs.add(log.append(full(i)).join());
            }
        }
        // Line 1 is the start checkpoint.
        assertThat(seqs).containsExactly(2L, 3L, 4L, 5L, 6L);
        VerifyReport report = verify(settings);
        assertThat(report.problem()).isEmpty();
        assertThat(report.statements()).isEqualTo(5);
        assertThat(report.checkpoints()).isEqualTo(2); // start and close
        assertThat(report.unsignedTail()).isZero();
    }

    @Test
    void concurrentAppendsFromManyThreadsAllLandOnceInOrder() throws Exception {
        AuditSettings settings = settings(dir).withFsync(true);
        Set<Long> seqs = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (AuditLog log = AuditLog.open(settings); ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                all.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 50; i++) {
                        seqs.add(log.append(full(thread * 1000 + i)).join());
                    }
                }, pool));
            }
            all.forEach(CompletableFuture::join);
        }
        assertThat(seqs).hasSize(400);
        VerifyReport report = verify(settings);
        assertThat(report.problem()).isEmpty();
        assertThat(report.statements()).isEqualTo(400);
        Set<String> ids = new HashSet<>();
        new AuditSearch(dir).statements().forEach(s -> ids.add(s.record().queryId()));
        assertThat(ids).hasSize(400).contains("q_0", "q_7049");
    }

    @Test
    void filesRotateBySizeAndTheChainRunsAcrossThem() {
        AuditSettings settings = settings(dir).withMaxFileBytes(4096);
        AuditFixtures.write(settings, Clock.systemUTC(), 60);
        List<Path> files = AuditFiles.list(dir);
        assertThat(files).hasSizeGreaterThan(3);
        for (Path f : files) {
            assertThat(f.toFile().length()).isLessThanOrEqualTo(4096);
        }
        VerifyReport report = verify(settings);
        assertThat(report.problem()).isEmpty();
        assertThat(report.statements()).isEqualTo(60);
        assertThat(report.files()).isEqualTo(files.size());
    }

    @Test
    void aNewFileStartsEachUtcDay() {
        AuditSettings settings = settings(dir);
        ManualClock clock = new ManualClock(T0);
        try (AuditLog log = AuditLog.open(settings, clock)) {
            log.append(full(1)).join();
            clock.advance(Duration.ofHours(15)); // 2026-11-23T01:00Z
            log.append(full(2)).join();
        }
        assertThat(AuditFiles.list(dir)).extracting(p -> p.getFileName().toString())
                .containsExactly("audit-2026-11-22-0001.jsonl", "audit-2026-11-23-0001.jsonl");
        assertThat(verify(settings).problem()).isEmpty();
    }

    @Test
    void checkpointsAreSignedEveryNLines() {
        AuditSettings settings = settings(dir).withCheckpoints(10, Duration.ZERO);
        AuditFixtures.write(settings, Clock.systemUTC(), 45);
        VerifyReport report = verify(settings);
        assertThat(report.problem()).isEmpty();
        // start + one per 10 lines (including the checkpoints themselves) + close
        assertThat(report.checkpoints()).isBetween(6L, 7L);
    }

    @Test
    void aQuietLogSignsItsTailAfterTheInterval() throws Exception {
        AuditSettings settings = settings(dir).withCheckpoints(1000, Duration.ofMillis(50));
        try (AuditLog log = AuditLog.open(settings)) {
            log.append(full(1)).join();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (verify(settings).unsignedTail() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            VerifyReport report = verify(settings);
            assertThat(report.problem()).isEmpty();
            assertThat(report.unsignedTail()).isZero();
            assertThat(report.checkpoints()).isEqualTo(2);
        }
    }

    @Test
    void reopeningContinuesTheChain() {
        AuditSettings settings = settings(dir);
        AuditFixtures.write(settings, Clock.systemUTC(), 3);
        AuditFixtures.write(settings, Clock.systemUTC(), 3);
        VerifyReport report = verify(settings);
        assertThat(report.problem()).isEmpty();
        assertThat(report.statements()).isEqualTo(6);
        assertThat(report.notes()).noneMatch(n -> n.contains("without closing"));
    }

    @Test
    void aTornLastLineFailsVerifyUntilRestartThenIsCutAndRecorded() throws Exception {
        AuditSettings settings = settings(dir);
        AuditFixtures.write(settings, Clock.systemUTC(), 3);
        Path last = AuditFiles.list(dir).getLast();
        Files.writeString(last, "{\"seq\":7,\"time\":\"2026-11-", StandardOpenOption.APPEND);

        VerifyReport before = verify(settings);
        assertThat(before.ok()).isFalse();
        assertThat(before.problem().orElseThrow().message()).contains("incomplete last line");

        try (AuditLog log = AuditLog.open(settings)) {
            log.append(full(4)).join();
        }
        VerifyReport after = verify(settings);
        assertThat(after.problem()).isEmpty();
        assertThat(after.statements()).isEqualTo(4);
        assertThat(after.notes()).anyMatch(n -> n.contains("cut off an incomplete line of 25 bytes"));
        assertThat(Files.readString(last)).contains("\"event\":\"recovered\"", "\"truncated_bytes\":25");
    }

    @Test
    void anUncleanStopIsNoted() throws Exception {
        AuditSettings settings = settings(dir);
        AuditFixtures.write(settings, Clock.systemUTC(), 2);
        Path last = AuditFiles.list(dir).getLast();
        List<String> lines = AuditFixtures.lines(last);
        // Drop the close checkpoint, as a kill would; the head then names line 1 (the start).
        lines.removeLast();
        AuditFixtures.rewrite(last, lines);
        Files.writeString(dir.resolve(AuditFiles.HEAD), lines.getFirst());
        AuditFixtures.write(settings, Clock.systemUTC(), 1);
        VerifyReport report = verify(settings);
        assertThat(report.problem()).isEmpty();
        assertThat(report.notes()).anyMatch(n -> n.contains("started again without closing"));
    }

    @Test
    void aLogBehindItsSignedHeadIsRefusedAtOpen() throws Exception {
        AuditSettings settings = settings(dir).withMaxFileBytes(4096);
        AuditFixtures.write(settings, Clock.systemUTC(), 40);
        Files.delete(AuditFiles.list(dir).getLast());
        assertThatThrownBy(() -> AuditLog.open(settings)).isInstanceOf(AuditException.class)
                .hasMessageContaining("does not match its signed head");
    }

    @Test
    void aFailedWriteFailsThatStatementAndEveryLaterOne() throws Exception {
        Path devFull = Path.of("/dev/full");
        assumeThat(Files.exists(devFull)).as("needs /dev/full to make writes fail for real").isTrue();
        AuditSettings settings = settings(dir);
        AuditFixtures.write(settings, Clock.systemUTC(), 1);
        // The next file of the day is /dev/full: every write to it fails with ENOSPC.
        Path last = AuditFiles.list(dir).getLast();
        String next = AuditFiles.name(AuditFiles.day(last), AuditFiles.counter(last) + 1);
        Files.createSymbolicLink(dir.resolve(next), devFull);
        Files.writeString(dir.resolve(AuditFiles.HEAD), AuditFixtures.lines(last).getLast());
        assertThatThrownBy(() -> AuditLog.open(settings)).isInstanceOf(AuditException.class)
                .hasMessageContaining("No space left on device");
    }

    @Test
    void aWriteFailureWhileRunningFailsClosed() throws Exception {
        Path logDir = Files.createDirectory(dir.resolve("log"));
        Path moved = dir.resolve("moved");
        AuditSettings settings = settings(logDir);
        ManualClock clock = new ManualClock(T0);
        try (AuditLog log = AuditLog.open(settings, clock)) {
            assertThat(log.append(full(1)).join()).isEqualTo(2);
            // Tomorrow's file cannot be created: the directory is gone and a plain file stands in its place.
            Files.move(logDir, moved);
            Files.writeString(logDir, "not a directory");
            clock.advance(Duration.ofDays(1));
            assertThatThrownBy(() -> log.append(full(2)).join()).hasCauseInstanceOf(AuditException.class)
                    .hasMessageContaining("cannot be written");
            assertThat(log.failure()).isPresent();
            // Still failed after the obstacle is gone: only a restart brings the log back.
            Files.delete(logDir);
            Files.move(moved, logDir);
            assertThatThrownBy(() -> log.append(full(3)).join()).hasCauseInstanceOf(AuditException.class);
        }
        VerifyReport report = verify(settings);
        assertThat(report.problem()).isEmpty();
        assertThat(report.statements()).isEqualTo(1);
    }

    @Test
    void theSigningKeyIsOwnerOnlyAndThePublicKeyIsExported() throws Exception {
        AuditSettings settings = settings(dir);
        AuditFixtures.write(settings, Clock.systemUTC(), 1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings.signingKey())))
                .isEqualTo("rw-------");
        assertThat(Files.readString(settings.publicKey())).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(Files.readString(settings.signingKey())).startsWith("-----BEGIN PRIVATE KEY-----");
        Files.setPosixFilePermissions(settings.signingKey(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> AuditLog.open(settings)).isInstanceOf(AuditException.class)
                .hasMessageContaining("readable by others").hasMessageContaining("chmod 600");
    }

    @Test
    void secretsTypedIntoStatementsNeverReachTheFile() throws Exception {
        AuditSettings settings = settings(dir);
        try (AuditLog log = AuditLog.open(settings)) {
            log.append(AuditRecord.builder("q_1", "ana", "ALTER USER ana WITH PASSWORD 'hunter2'")
                    .error(AuditRecord.Outcome.FAILED, "0A000",
                            "cannot run ALTER USER ana WITH PASSWORD 'hunter2'").build()).join();
            log.append(AuditRecord.builder("q_2", "ana",
                    "select * from dblink('host=db user=x password=hunter3', 'select 1')")
                    .fragment(new AuditRecord.Fragment("sales", "select 'jdbc:postgresql://x:hunter4@db/y'", 0, 0))
                    .build()).join();
        }
        String all = Files.readString(AuditFiles.list(dir).getLast(), StandardCharsets.UTF_8);
        assertThat(all).doesNotContain("hunter2", "hunter3", "hunter4")
                .contains("PASSWORD '***'", "password=***", "x:***@db");
        assertThat(verify(settings).problem()).isEmpty();
    }
}
