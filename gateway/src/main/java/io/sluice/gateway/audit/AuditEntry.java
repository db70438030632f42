package io.sluice.gateway.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One line of the audit log. Every line is a link of the hash chain: it has the next
 * {@code seq}, the {@code prev_hash} of the line before it (across files) and its own
 * {@code hash}. Statement lines carry an {@link AuditRecord}; the log's own events say when it
 * signed a checkpoint and when it repaired a torn tail after a crash.
 */
public sealed interface AuditEntry {
    /** 64 zeros: the {@code prev_hash} of the very first line. */
    String GENESIS = "0".repeat(64);

    long seq();

    Instant time();

    String prevHash();

    String hash();

    /** A statement's record. */
    record Statement(long seq, AuditRecord record, String prevHash, String hash) implements AuditEntry {
        public Statement {
            requireNonNull(record, "record is null");
            requireNonNull(prevHash, "prevHash is null");
            requireNonNull(hash, "hash is null");
        }

        @Override
        public Instant time() {
            return record.time();
        }
    }

    /**
     * A signed checkpoint: the Ed25519 signature over this line's hash vouches for every line up to
     * and including it. Written when a log is opened, when a new file starts, every
     * {@code checkpoint_every} lines, after {@code checkpoint_interval} of quiet, and at close.
     * The latest one is also copied to {@code audit.head} so a removed last file is noticed.
     */
    record Checkpoint(long seq, Instant time, Reason reason, String file, String keyId, String prevHash, String hash,
            String signature) implements AuditEntry {
        public Checkpoint {
            requireNonNull(time, "time is null");
            requireNonNull(reason, "reason is null");
            requireNonNull(file, "file is null");
            requireNonNull(keyId, "keyId is null");
            requireNonNull(prevHash, "prevHash is null");
            requireNonNull(hash, "hash is null");
            requireNonNull(signature, "signature is null");
        }

        public enum Reason { START, ROTATION, INTERVAL, CLOSE }
    }

    /**
     * The writer found an incomplete last line when it opened the log (the process died during a
     * write) and cut it off. The cut bytes were never acknowledged to a client: a record is only
     * acknowledged after its whole line was written. Their length and SHA-256 stay on record.
     */
    record Recovered(long seq, Instant time, String file, long truncatedBytes, String truncatedSha256,
            String prevHash, String hash) implements AuditEntry {
        public Recovered {
            requireNonNull(time, "time is null");
            requireNonNull(file, "file is null");
            requireNonNull(truncatedSha256, "truncatedSha256 is null");
            requireNonNull(prevHash, "prevHash is null");
            requireNonNull(hash, "hash is null");
        }
    }
}
