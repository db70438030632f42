package io.sluice.gateway.audit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What {@link AuditVerifier} found: counts, notes worth knowing (repairs after a crash, unclean
 * stops, the unsigned tail), and the first problem, if any. The log is intact when there is no
 * problem.
 *
 * @param keyId        the id of the public key the signatures were checked with
 * @param unsignedTail lines after the last signed checkpoint: protected by the chain only
 */
public record VerifyReport(String keyId, int files, long lines, long statements, long checkpoints,
        long unsignedTail, List<String> notes, Optional<Problem> problem) {
    public VerifyReport {
        requireNonNull(keyId, "keyId is null");
        notes = List.copyOf(notes);
        requireNonNull(problem, "problem is null");
    }

    public boolean ok() {
        return problem.isEmpty();
    }

    /** Where the log first stops being trustworthy: file, line (1-based; 0 for the file itself), seq. */
    public record Problem(String file, long line, Optional<Long> seq, String message) {
        public Problem {
            requireNonNull(file, "file is null");
            requireNonNull(seq, "seq is null");
            requireNonNull(message, "message is null");
        }

        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line : "") + seq.map(s -> " (seq " + s + ")").orElse("") + ": " + message;
        }
    }
}
