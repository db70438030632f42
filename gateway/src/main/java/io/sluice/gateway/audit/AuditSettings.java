package io.sluice.gateway.audit;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the audit log is kept ({@code audit:} in sluice.yaml).
 *
 * @param directory          where the {@code audit-YYYY-MM-DD-NNNN.jsonl} files and {@code audit.head} live
 * @param fsync              force every batch to disk before acknowledging it (default on); off, a
 *                           record survives a killed process but not a power cut
 * @param maxFileBytes       start a new file when the current one would grow past this (default 64 MiB);
 *                           a new file also starts each UTC day
 * @param checkpointEvery    sign a checkpoint after this many lines (default 1000)
 * @param checkpointInterval sign a checkpoint after this long without one when lines were written
 *                           (default 10 s; zero turns the timer off)
 * @param signingKey         the Ed25519 private key, created with mode 0600 at first start
 * @param publicKey          the matching public key, exported at first start for verifiers
 */
public record AuditSettings(Path directory, boolean fsync, long maxFileBytes, int checkpointEvery,
        Duration checkpointInterval, Path signingKey, Path publicKey) {
    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;
    public static final int DEFAULT_CHECKPOINT_EVERY = 1000;
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
    public static final String SIGNING_KEY_FILE = "audit-signing.key";
    public static final String PUBLIC_KEY_FILE = "audit-signing.pub.pem";

    public AuditSettings {
        requireNonNull(directory, "directory is null");
        requireNonNull(checkpointInterval, "checkpointInterval is null");
        requireNonNull(signingKey, "signingKey is null");
        requireNonNull(publicKey, "publicKey is null");
        if (maxFileBytes < 4096) {
            throw new IllegalArgumentException("maxFileBytes must be at least 4096, was " + maxFileBytes);
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery must be at least 1, was " + checkpointEvery);
        }
        if (checkpointInterval.isNegative()) {
            throw new IllegalArgumentException("checkpointInterval must not be negative");
        }
    }

    /** The defaults for a directory: fsync on, 64 MiB files, keys inside the directory. */
    public static AuditSettings defaults(Path directory) {
        return new AuditSettings(directory, true, DEFAULT_MAX_FILE_BYTES, DEFAULT_CHECKPOINT_EVERY,
                DEFAULT_CHECKPOINT_INTERVAL, directory.resolve(SIGNING_KEY_FILE), directory.resolve(PUBLIC_KEY_FILE));
    }

    public AuditSettings withFsync(boolean value) {
        return new AuditSettings(directory, value, maxFileBytes, checkpointEvery, checkpointInterval, signingKey,
                publicKey);
    }

    public AuditSettings withMaxFileBytes(long value) {
        return new AuditSettings(directory, fsync, value, checkpointEvery, checkpointInterval, signingKey, publicKey);
    }

    public AuditSettings withCheckpoints(int every, Duration interval) {
        return new AuditSettings(directory, fsync, maxFileBytes, every, interval, signingKey, publicKey);
    }

    public AuditSettings withKeys(Path newSigningKey, Path newPublicKey) {
        return new AuditSettings(directory, fsync, maxFileBytes, checkpointEvery, checkpointInterval, newSigningKey,
                newPublicKey);
    }
}
