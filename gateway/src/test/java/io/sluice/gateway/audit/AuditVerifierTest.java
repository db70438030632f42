package io.sluice.gateway.audit;

import static io.sluice.gateway.audit.AuditFixtures.lines;
import static io.sluice.gateway.audit.AuditFixtures.rewrite;
import static io.sluice.gateway.audit.AuditFixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.audit.VerifyReport.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way of tampering with the log is caught, at the right place. */
class AuditVerifierTest {
    @TempDir
    Path dir;

    private AuditSettings settings;
    private List<Path> files;

    @BeforeEach
    void writeALogOfSeveralFiles() {
        settings = AuditFixtures.settings(dir).withMaxFileBytes(4096);
        AuditFixtures.write(settings, Clock.systemUTC(), 40);
        files = AuditFiles.list(dir);
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        assertThat(verify(settings).problem()).isEmpty();
    }

    private Problem problem() {
        VerifyReport report = verify(settings);
        assertThat(report.ok()).isFalse();
        return report.problem().orElseThrow();
    }

    private static long seqOf(String line) {
        return AuditJson.parse(line).entry().seq();
    }

    @Test
    void anEditedFieldIsNamedByFileLineAndSeq() throws Exception {
        Path file = files.get(1);
        List<String> lines = lines(file);
        lines.set(2, lines.get(2).replace("\"user\":\"ana\"", "\"user\":\"eve\"").replace("\"user\":\"uma\"",
                "\"user\":\"eve\""));
        rewrite(file, lines);
        Problem p = problem();
        assertThat(p.file()).isEqualTo(file.getFileName().toString());
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.seq()).contains(seqOf(lines.get(2)));
        assertThat(p.message()).contains("hash does not match");
    }

    @Test
    void anEditWithTheWholeChainRehashedFailsTheNextSignature() throws Exception {
        // An attacker without the private key edits a record and recomputes every hash after it.
        Path file = files.get(1);
        List<String> lines = lines(file);
        String previous = AuditJson.parse(lines.get(1)).entry().hash();
        for (int i = 2; i < lines.size(); i++) {
            String edited = i == 2 ? lines.get(i).replace("\"rows\":1,", "\"rows\":0,") : lines.get(i);
            AuditEntry e = AuditJson.parse(edited).entry();
            if (e instanceof AuditEntry.Statement s) {
                AuditJson.Sealed sealed = AuditJson.statement(s.seq(), s.record(), previous);
                lines.set(i, new String(sealed.bytes(), StandardCharsets.UTF_8).stripTrailing());
                previous = sealed.hash();
            }
        }
        rewrite(file, lines);
        Problem p = problem();
        // The edited file's chain now holds together; the next file's opening checkpoint does not.
        assertThat(p.file()).isEqualTo(files.get(2).getFileName().toString());
        assertThat(p.line()).isEqualTo(1);
        assertThat(p.message()).contains("prev_hash");
    }

    @Test
    void aRehashedCheckpointFailsItsSignature() throws Exception {
        Path file = files.get(1);
        List<String> lines = lines(file);
        AuditEntry.Checkpoint cp = (AuditEntry.Checkpoint) AuditJson.parse(lines.getFirst()).entry();
        // Re-seal the checkpoint body with a different time but keep the old signature.
        String forged = lines.getFirst().replace(AuditJson.time(cp.time()), AuditJson.time(cp.time().plusSeconds(1)));
        String hash = AuditJson.parse(forged).computedHash();
        forged = forged.replace(cp.hash(), hash);
        lines.set(0, forged);
        rewrite(file, lines);
        Problem p = problem();
        assertThat(p.file()).isEqualTo(file.getFileName().toString());
        assertThat(p.line()).isEqualTo(1);
        assertThat(p.message()).contains("signature is not valid");
    }

    @Test
    void aDeletedRecordIsNamed() throws Exception {
        Path file = files.get(1);
        List<String> lines = lines(file);
        assertThat(lines).hasSizeGreaterThan(3);
        long removed = seqOf(lines.get(2));
        lines.remove(2);
        rewrite(file, lines);
        Problem p = problem();
        assertThat(p.file()).isEqualTo(file.getFileName().toString());
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.message()).contains("seq " + removed + " expected");
    }

    @Test
    void twoSwappedRecordsAreNamed() throws Exception {
        Path file = files.get(2);
        List<String> lines = lines(file);
        String a = lines.get(2);
        lines.set(2, lines.get(3));
        lines.set(3, a);
        rewrite(file, lines);
        Problem p = problem();
        assertThat(p.file()).isEqualTo(file.getFileName().toString());
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.message()).contains("seq " + seqOf(a) + " expected");
    }

    @Test
    void aFileCutShortInTheMiddleOfALineIsNamed() throws Exception {
        Path file = files.get(1);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        Problem p = problem();
        assertThat(p.file()).isEqualTo(file.getFileName().toString());
        assertThat(p.line()).isEqualTo(lines(file).size());
        assertThat(p.message()).contains("incomplete line: the file was cut short");
    }

    @Test
    void aFileCutShortAtALineBoundaryBreaksTheChainIntoTheNextFile() throws Exception {
        Path file = files.get(1);
        List<String> lines = lines(file);
        rewrite(file, lines.subList(0, lines.size() - 2));
        Problem p = problem();
        assertThat(p.file()).isEqualTo(files.get(2).getFileName().toString());
        assertThat(p.line()).isEqualTo(1);
        assertThat(p.message()).contains("missing");
    }

    @Test
    void theLastFileCutShortFallsBehindTheSignedHead() throws Exception {
        Path file = files.getLast();
        List<String> lines = lines(file);
        rewrite(file, lines.subList(0, lines.size() - 1));
        Problem p = problem();
        assertThat(p.file()).isEqualTo(AuditFiles.HEAD);
        assertThat(p.message()).contains("the log ends at line");
    }

    @Test
    void aRemovedMiddleFileIsNamed() throws Exception {
        Path removed = files.get(2);
        Files.delete(removed);
        Problem p = problem();
        assertThat(p.file()).isEqualTo(removed.getFileName().toString());
        assertThat(p.message()).contains("missing");
    }

    @Test
    void aRemovedFirstFileIsNamed() throws Exception {
        Files.delete(files.getFirst());
        Problem p = problem();
        assertThat(p.file()).isEqualTo(files.getFirst().getFileName().toString());
        assertThat(p.message()).contains("missing");
    }

    @Test
    void aRemovedLastFileFallsBehindTheSignedHead() throws Exception {
        Files.delete(files.getLast());
        Problem p = problem();
        assertThat(p.file()).isEqualTo(AuditFiles.HEAD);
        assertThat(p.message()).contains("names line").contains(files.getLast().getFileName().toString());
    }

    @Test
    void aRemovedHeadIsReported() throws Exception {
        Files.delete(dir.resolve(AuditFiles.HEAD));
        assertThat(problem().file()).isEqualTo(AuditFiles.HEAD);
    }

    @Test
    void anotherKeyDoesNotVerify() {
        Path other = dir.resolve("other");
        AuditKeys.loadOrCreate(other.resolve("k.key"), other.resolve("k.pub.pem"));
        VerifyReport report = AuditVerifier.verify(dir, AuditKeys.readPublicKey(other.resolve("k.pub.pem")));
        assertThat(report.ok()).isFalse();
        assertThat(report.problem().map(Problem::message)).get().asString().contains("not a checkpoint signed by key");
    }

    @Test
    void anIntactLogReportsItsCounts() {
        VerifyReport report = verify(settings);
        assertThat(report.problem()).isEqualTo(Optional.empty());
        assertThat(report.statements()).isEqualTo(40);
        assertThat(report.lines()).isEqualTo(40 + report.checkpoints());
        assertThat(report.files()).isEqualTo(files.size());
        assertThat(report.keyId()).hasSize(16);
    }
}
