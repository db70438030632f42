package io.sluice.gateway.audit;

import io.sluice.gateway.audit.AuditEntry.Checkpoint;
import io.sluice.gateway.audit.AuditEntry.Recovered;
import io.sluice.gateway.audit.AuditEntry.Statement;
import io.sluice.gateway.audit.VerifyReport.Problem;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Proves an audit directory: walks every file oldest first and every line in order, and checks
 * <ul>
 *   <li>file names: each UTC day's counters run 0001, 0002, ... without a gap;</li>
 *   <li>each line: canonical JSON, its hash over its content, {@code seq} one more than the line
 *       before, {@code prev_hash} equal to that line's hash (across files, from 64 zeros);</li>
 *   <li>each file begins with a checkpoint; each checkpoint's Ed25519 signature, key and file name;</li>
 *   <li>{@code audit.head}: a signed checkpoint that the log still reaches, with the same hash.</li>
 * </ul>
 * It stops at the first problem and names it (file, line, seq, what is wrong). It needs only the
 * public key. An edited line fails its hash; a removed or swapped line breaks seq and
 * prev_hash; a re-hashed chain fails the next signature; a removed or shortened last file
 * falls short of the head.
 */
public final class AuditVerifier {
    private final Path dir;
    private final AuditKeys keys;
    private final List<String> notes = new ArrayList<>();
    private Optional<Problem> problem = Optional.empty();
    private long expectedSeq = 1;
    private String prevHash = AuditEntry.GENESIS;
    private long statements;
    private long checkpoints;
    private long lastCheckpointSeq;
    private Optional<Checkpoint.Reason> lastReason = Optional.empty();
    private Optional<Checkpoint> head = Optional.empty();
    private boolean headReached;

    private AuditVerifier(Path dir, AuditKeys keys) {
        this.dir = dir;
        this.keys = keys;
    }

    /** Verifies {@code dir} with the given public key. */
    public static VerifyReport verify(Path dir, AuditKeys publicKey) {
        return new AuditVerifier(dir, publicKey).run();
    }

    private VerifyReport run() {
        List<Path> files = AuditFiles.list(dir);
        readHead(files.isEmpty());
        for (int i = 0; i < files.size() && problem.isEmpty(); i++) {
            checkName(files, i);
            if (problem.isEmpty()) {
                walk(files.get(i), i == files.size() - 1);
            }
        }
        if (problem.isEmpty() && head.isPresent() && !headReached) {
            Checkpoint h = head.get();
            fail(AuditFiles.HEAD, 0, Optional.of(h.seq()), "the signed head names line " + h.seq() + " in "
                    + h.file() + ", but the log ends at line " + (expectedSeq - 1)
                    + ": lines or files were removed from the end");
        }
        long lines = expectedSeq - 1;
        if (problem.isEmpty() && lines > lastCheckpointSeq) {
            notes.add((lines - lastCheckpointSeq) + " line(s) after the last checkpoint are protected by the hash "
                    + "chain only (the next checkpoint signs them)");
        }
        return new VerifyReport(keys.keyId(), files.size(), lines, statements, checkpoints,
                lines - lastCheckpointSeq, notes, problem);
    }

    private void readHead(boolean noFiles) {
        Optional<String> text = AuditFiles.readHead(dir);
        if (text.isEmpty()) {
            if (!noFiles) {
                fail(AuditFiles.HEAD, 0, Optional.empty(), "missing: the signed head of the log was removed");
            }
            return;
        }
        if (noFiles) {
            fail(AuditFiles.HEAD, 0, Optional.empty(), "present, but there are no audit files: the log was removed");
            return;
        }
        try {
            AuditJson.Parsed parsed = AuditJson.parse(text.get());
            if (parsed.entry() instanceof Checkpoint cp && parsed.computedHash().equals(cp.hash())
                    && cp.keyId().equals(keys.keyId()) && keys.verify(cp.hash(), cp.signature())) {
                head = Optional.of(cp);
                return;
            }
        } catch (AuditFormatException e) {
            // reported below
        }
        fail(AuditFiles.HEAD, 0, Optional.empty(), "not a checkpoint signed by key " + keys.keyId());
    }

    private void checkName(List<Path> files, int i) {
        Path file = files.get(i);
        LocalDate day = AuditFiles.day(file);
        int expected = i > 0 && AuditFiles.day(files.get(i - 1)).equals(day) ? AuditFiles.counter(files.get(i - 1)) + 1
                : 1;
        if (AuditFiles.counter(file) != expected) {
            fail(AuditFiles.name(day, expected), 0, Optional.of(expectedSeq),
                    "missing: the files of " + day + " jump to " + file.getFileName() + " (a file was removed)");
        }
    }

    private void walk(Path file, boolean lastFile) {
        String name = file.getFileName().toString();
        boolean[] empty = {true};
        AuditFiles.forEachLine(file, (number, text, complete) -> {
            empty[0] = false;
            if (!complete) {
                fail(name, number, Optional.empty(), lastFile
                        ? "incomplete last line: the gateway stopped during a write and has not been restarted since "
                                + "(at start it cuts such a line off and records that)"
                        : "incomplete line: the file was cut short");
                return false;
            }
            return line(name, number, text);
        });
        if (empty[0] && problem.isEmpty() && !lastFile) {
            fail(name, 0, Optional.of(expectedSeq), "empty, but later files follow (its content was removed)");
        }
    }

    private boolean line(String file, long number, String text) {
        AuditJson.Parsed parsed;
        try {
            parsed = AuditJson.parse(text);
        } catch (AuditFormatException e) {
            return fail(file, number, Optional.empty(), "not an audit line: " + e.getMessage());
        }
        AuditEntry entry = parsed.entry();
        Optional<Long> seq = Optional.of(entry.seq());
        if (!parsed.canonical()) {
            return fail(file, number, seq, "not in canonical form: the line was edited");
        }
        if (!parsed.computedHash().equals(entry.hash())) {
            return fail(file, number, seq, "the hash does not match the content: the line was edited");
        }
        if (entry.seq() > expectedSeq) {
            return fail(file, number, seq, "seq " + expectedSeq + " expected: line(s) " + expectedSeq + ".."
                    + (entry.seq() - 1) + " are missing (removed records or files)");
        }
        if (entry.seq() < expectedSeq) {
            return fail(file, number, seq, "seq " + expectedSeq + " expected: lines are out of order or repeated");
        }
        if (!entry.prevHash().equals(prevHash)) {
            return fail(file, number, seq, "prev_hash does not match the line before: the chain is broken");
        }
        if (number == 1 && !(entry instanceof Checkpoint)) {
            return fail(file, number, seq, "a file must begin with a signed checkpoint: its start was cut off");
        }
        switch (entry) {
            case Statement s -> statements++;
            case Recovered r -> notes.add(file + ":" + number + ": at restart the gateway cut off an incomplete line "
                    + "of " + r.truncatedBytes() + " bytes left by a crash during a write (never acknowledged)");
            case Checkpoint cp -> {
                if (!checkpoint(file, number, cp)) {
                    return false;
                }
            }
        }
        if (head.isPresent() && head.get().seq() == entry.seq()) {
            if (!head.get().hash().equals(entry.hash())) {
                return fail(file, number, seq, "differs from the line the signed head vouches for");
            }
            headReached = true;
        }
        expectedSeq++;
        prevHash = entry.hash();
        return true;
    }

    private boolean checkpoint(String file, long number, Checkpoint cp) {
        Optional<Long> seq = Optional.of(cp.seq());
        if (!cp.keyId().equals(keys.keyId())) {
            return fail(file, number, seq, "signed with key " + cp.keyId() + ", not with " + keys.keyId());
        }
        if (!keys.verify(cp.hash(), cp.signature())) {
            return fail(file, number, seq, "the checkpoint signature is not valid: lines up to here were altered");
        }
        if (!cp.file().equals(file)) {
            return fail(file, number, seq, "the checkpoint was written in " + cp.file() + ": files were renamed");
        }
        if (cp.reason() == Checkpoint.Reason.START && lastReason.isPresent()
                && lastReason.get() != Checkpoint.Reason.CLOSE) {
            notes.add(file + ":" + number + ": the gateway started again without closing the log first (a crash "
                    + "or kill before line " + cp.seq() + ")");
        }
        lastReason = Optional.of(cp.reason());
        checkpoints++;
        lastCheckpointSeq = cp.seq();
        return true;
    }

    private boolean fail(String file, long line, Optional<Long> seq, String message) {
        if (problem.isEmpty()) {
            problem = Optional.of(new Problem(file, line, seq, message));
        }
        return false;
    }
}
