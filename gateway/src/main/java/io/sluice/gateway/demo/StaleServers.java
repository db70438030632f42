package io.sluice.gateway.demo;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deals with database servers left running by an earlier demo process that died without closing them
 * (kill -9, a crashed test JVM). Such an orphan still holds the data directory, so the next start would
 * fail with a lock error. A server is only stopped when its PID file lies in our data directory, the
 * process is alive, its command is the expected server binary and no live process holds our lock file.
 */
final class StaleServers {

    private static final Logger LOG = LoggerFactory.getLogger(StaleServers.class);

    private StaleServers() {
    }

    /** Stops an orphaned postmaster of {@code dataDir}; fails when a live process still uses the directory. */
    static void stopStalePostgres(Path dataDir) throws IOException {
        // zonky holds this lock while its EmbeddedPostgres is open: if we can take it, nobody alive uses it.
        ensureNotLocked(dataDir.resolve("epg-lock"), "PostgreSQL", dataDir);
        stopOrphan(dataDir.resolve("postmaster.pid"), "postgres", Duration.ofSeconds(30));
    }

    /** Stops an orphaned mariadbd whose PID file is {@code pidFile}. Call while holding {@link #lock}. */
    static void stopStaleMariaDb(Path pidFile) throws IOException {
        stopOrphan(pidFile, "mariadbd", Duration.ofSeconds(60));
    }

    /**
     * Takes an exclusive lock on {@code lockFile} for as long as the returned channel stays open, so two
     * processes (or two instances in one JVM) never run servers on the same directory.
     */
    static FileChannel lock(Path lockFile, String what, Path dir) throws IOException {
        Files.createDirectories(lockFile.getParent());
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(what, dir);
            }
            return channel;
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw inUse(what, dir);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void ensureNotLocked(Path lockFile, String what, Path dir) throws IOException {
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = lock(lockFile, what, dir)) {
            // Released at once; zonky takes it again a moment later.
            LOG.debug("{} lock {} is free", what, channel);
        }
    }

    private static DemoDatabaseException inUse(String what, Path dir) {
        return new DemoDatabaseException("embedded " + what + " data directory " + dir
                + " is already in use by another running demo (same or other process); stop it or use another workDir");
    }

    private static void stopOrphan(Path pidFile, String binaryName, Duration patience) throws IOException {
        Optional<ProcessHandle> orphan = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/" + binaryName) || c.equals(binaryName))
                        .orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle process = orphan.get();
        LOG.warn("Stopping orphaned {} (pid {}) left running on {} by an earlier demo process",
                binaryName, process.pid(), pidFile.getParent());
        // SIGTERM: a clean shutdown for both PostgreSQL (smart) and MariaDB.
        process.destroy();
        try {
            process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("Orphaned {} (pid {}) ignored SIGTERM for {}; killing it", binaryName, process.pid(), patience);
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping orphaned " + binaryName + " (pid " + process.pid() + ")", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("cannot wait for orphaned " + binaryName + " (pid " + process.pid() + ")", e);
        }
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        String content = Files.readString(pidFile).strip();
        String firstLine = content.lines().findFirst().orElse("").strip();
        try {
            return Optional.of(Long.parseLong(firstLine));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
