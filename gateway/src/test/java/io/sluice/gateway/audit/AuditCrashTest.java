package io.sluice.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL while eight threads write: after each kill and restart, {@code verify} passes and
 * every record a writer saw acknowledged is in the log. Three kill/restart rounds run on the
 * same directory, so the chain must survive crashes in a row.
 */
class AuditCrashTest {
    @TempDir
    Path dir;

    @Test
    void aKilledWriterLosesNoAcknowledgedRecordAndTheLogStillVerifies() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        for (int round = 1; round <= 3; round++) {
            killMidWrite(round % 2 == 0 ? "nofsync" : "fsync", "r" + round, acknowledged);
            AuditSettings settings = AuditSettings.defaults(dir);
            VerifyReport beforeRestart = AuditFixtures.verify(settings);
            // Before the restart only a torn last line may be wrong: the kill can land mid-write.
            beforeRestart.problem().ifPresent(p -> assertThat(p.message()).contains("incomplete last line"));

            AuditLog.open(settings).close();
            VerifyReport report = AuditFixtures.verify(settings);
            assertThat(report.problem()).as("round " + round).isEmpty();
            assertThat(report.notes()).anyMatch(n -> n.contains("started again without closing"));
            Set<String> logged = new HashSet<>();
            new AuditSearch(dir).forEach(s -> logged.add(s.record().queryId()));
            assertThat(logged).as("round " + round).containsAll(acknowledged);
        }
        assertThat(acknowledged).hasSizeGreaterThan(600);
    }

    private void killMidWrite(String fsync, String run, Set<String> acknowledged) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingWriter.class.getName(), dir.toString(), fsync, run)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        int before = acknowledged.size();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ack ")) {
                    acknowledged.add(line.substring(4));
                }
                if (acknowledged.size() - before == 300) {
                    // SIGKILL on Linux: no shutdown hooks, no close checkpoint, writes cut wherever they are.
                    // Through the ProcessHandle, which (unlike Process.destroyForcibly) leaves our end
                    // of the pipe open, so the acks already printed can still be read.
                    child.toHandle().destroyForcibly();
                }
            }
            // The loop read on to EOF: every ack the child printed before it died is counted.
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).isEqualTo(137);
        assertThat(acknowledged.size() - before).isGreaterThanOrEqualTo(300);
    }
}
