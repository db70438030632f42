package io.sluice.gateway.audit;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.audit.AuditEntry.Checkpoint;
import io.sluice.gateway.audit.AuditJson.Sealed;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only, hash-chained audit log. One writer thread owns the files:
 * <pre>
 *   append(record) ──► queue ──► writer: take a batch ─► seq, prev_hash, hash per line
 *        │                          ─► one positioned write of the whole batch
 *        ▼                          ─► fsync (one for the batch: group commit)
 *   CompletableFuture&lt;seq&gt; ◄──────── ─► complete every future of the batch
 * </pre>
 * {@link #append} never blocks, so it may be called from Netty's event loop; send
 * CommandComplete or ErrorResponse from the future's completion, never before it.
 *
 * <p>Fails closed: if a write, fsync or rotation fails, that batch's futures fail, the error is
 * logged once, and every later append fails at once until the gateway is restarted. The
 * statement whose future failed must be refused.
 *
 * <p>Crash safety: a line is acknowledged only after all of it was written (and, with fsync,
 * forced). A process killed mid-write can leave an incomplete last line; {@link #open} cuts it
 * off and records that in a {@link AuditEntry.Recovered} line, so {@code audit verify} passes and
 * still tells the story. Every file begins with a signed checkpoint; {@code audit.head} copies
 * the latest one; a log that is behind its head (a removed last file) is refused at open.
 */
public final class AuditLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final int QUEUE_CAPACITY = 65_536;
    private static final int MAX_BATCH = 1024;

    private sealed interface Request {}

    private record Append(AuditRecord record, CompletableFuture<Long> done) implements Request {}

    private record Close(CompletableFuture<Void> done) implements Request {}

    private final AuditSettings settings;
    private final Clock clock;
    private final AuditKeys keys;
    private final BlockingQueue<Request> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Object offerLock = new Object();
    private final Thread writer;
    private volatile Optional<AuditException> failure = Optional.empty();
    private boolean closing; // guarded by offerLock

    // Owned by the writer thread (and by open() before the thread starts).
    private FileChannel channel;
    private Path file;
    private LocalDate fileDay;
    private long size;
    private int linesInFile;
    private long seq;
    private String lastHash = AuditEntry.GENESIS;
    private int sinceCheckpoint;
    private long lastCheckpointNanos = System.nanoTime();
    private final List<byte[]> staged = new ArrayList<>();
    private Optional<byte[]> stagedHead = Optional.empty();

    /** Held while open: two gateways appending to one chain would fork it. */
    private FileChannel lockChannel;

    private AuditLog(AuditSettings settings, Clock clock, AuditKeys keys) {
        this.settings = settings;
        this.clock = clock;
        this.keys = keys;
        this.writer = Thread.ofPlatform().name("sluice-audit-writer").daemon().unstarted(this::run);
    }

    public static AuditLog open(AuditSettings settings) {
        return open(settings, Clock.systemUTC());
    }

    /**
     * Opens (or creates) the log: loads or creates the signing key, repairs a torn last line,
     * checks the log against its signed head, writes a {@code start} checkpoint. Blocking: call
     * it at start-up, not on an event loop.
     */
    public static AuditLog open(AuditSettings settings, Clock clock) {
        requireNonNull(settings, "settings is null");
        requireNonNull(clock, "clock is null");
        try {
            Files.createDirectories(settings.directory());
        } catch (IOException e) {
            throw new AuditException("cannot create the audit directory " + settings.directory() + ": " + e, e);
        }
        FileChannel lockChannel = lockDirectory(settings.directory());
        AuditLog log;
        try {
            log = new AuditLog(settings, clock, AuditKeys.loadOrCreate(settings.signingKey(), settings.publicKey()));
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
        log.lockChannel = lockChannel;
        try {
            log.recover();
        } catch (IOException e) {
            log.closeChannelQuietly();
            closeQuietly(lockChannel);
            throw new AuditException("cannot open the audit log in " + settings.directory() + ": " + e, e);
        } catch (RuntimeException e) {
            log.closeChannelQuietly();
            closeQuietly(lockChannel);
            throw e;
        }
        log.writer.start();
        return log;
    }

    private static FileChannel lockDirectory(java.nio.file.Path directory) {
        FileChannel channel;
        try {
            channel = FileChannel.open(directory.resolve("audit.lock"), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new AuditException("cannot lock the audit directory " + directory + ": " + e, e);
        }
        java.nio.channels.FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException | IOException e) {
            lock = null;
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new AuditException("the audit directory " + directory + " is in use by another gateway");
        }
        return channel;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Releasing the lock; the log itself is already closed or was never opened.
        }
    }

    /**
     * Queues a record; the future completes with its {@code seq} once the record is written (and
     * forced, with fsync on), or fails with an {@link AuditException}. Never blocks. The future
     * completes on the writer thread: continue with {@code whenCompleteAsync(..., eventLoop)} (or
     * something as light) so one slow caller does not hold up everyone's records.
     */
    public CompletableFuture<Long> append(AuditRecord record) {
        requireNonNull(record, "record is null");
        Optional<AuditException> failed = failure;
        if (failed.isPresent()) {
            return CompletableFuture.failedFuture(failed.get());
        }
        CompletableFuture<Long> done = new CompletableFuture<>();
        synchronized (offerLock) {
            if (closing) {
                return CompletableFuture.failedFuture(new AuditException("the audit log is closed"));
            }
            if (!queue.offer(new Append(record, done))) {
                return CompletableFuture.failedFuture(
                        new AuditException("the audit log is overloaded (" + QUEUE_CAPACITY + " records waiting)"));
            }
        }
        return done;
    }

    /** Present once a write failed: from then on every append fails until restart. */
    public Optional<AuditException> failure() {
        return failure;
    }

    public String keyId() {
        return keys.keyId();
    }

    /** Writes everything queued, a closing checkpoint, and stops the writer. */
    @Override
    public void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (offerLock) {
            if (closing) {
                return;
            }
            closing = true;
            // There is room: appends stop at 'closing'; if full, wait for the writer to drain.
            try {
                queue.put(new Close(done));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            done.join();
        } finally {
            closeQuietly(lockChannel);
        }
    }

    private void run() {
        List<Request> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                Request first = queue.poll(untilIntervalCheckpoint(), TimeUnit.NANOSECONDS);
                if (first == null) {
                    if (sinceCheckpoint == 0) {
                        continue;
                    }
                    guarded(List.of(), () -> {
                        stageCheckpoint(Checkpoint.Reason.INTERVAL);
                        flush();
                    });
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                if (process(batch)) {
                    return;
                }
            } catch (InterruptedException e) {
                // Only close() ends the writer; an interrupt must not leave futures hanging.
                Thread.interrupted();
            } finally {
                batch.clear();
            }
        }
    }

    /** Writes one batch; true when it held the close request. */
    private boolean process(List<Request> batch) {
        List<Append> appends = new ArrayList<>(batch.size());
        List<Close> closes = new ArrayList<>(1);
        for (Request r : batch) {
            switch (r) {
                case Append a -> appends.add(a);
                case Close c -> closes.add(c);
            }
        }
        Optional<Close> close = closes.stream().findFirst();
        long[] seqs = new long[appends.size()];
        boolean written = guarded(appends, () -> {
            for (int i = 0; i < appends.size(); i++) {
                seqs[i] = stageRecord(appends.get(i).record());
            }
            if (close.isPresent() && channel != null) {
                stageCheckpoint(Checkpoint.Reason.CLOSE);
            }
            flush();
        });
        if (written) {
            for (int i = 0; i < appends.size(); i++) {
                appends.get(i).done().complete(seqs[i]);
            }
        }
        if (close.isPresent()) {
            closeChannelQuietly();
            close.get().done().complete(null);
            return true;
        }
        return false;
    }

    private interface Work {
        void run() throws IOException;
    }

    /** Runs work unless the log already failed; on failure fails the log and the given appends. */
    private boolean guarded(List<Append> appends, Work work) {
        Optional<AuditException> failed = failure;
        if (failed.isEmpty()) {
            try {
                work.run();
                return true;
            } catch (IOException | RuntimeException | Error e) {
                AuditException error = new AuditException("the audit log cannot be written (" + file + "): " + e, e);
                failure = Optional.of(error);
                staged.clear();
                LOG.error("AUDIT LOG FAILED: {}. Every statement is refused from now on; fix the cause and restart "
                        + "the gateway.", error.getMessage(), e);
                closeChannelQuietly();
                failed = failure;
            }
        }
        AuditException error = failed.orElseThrow();
        appends.forEach(a -> a.done().completeExceptionally(error));
        return false;
    }

    private long untilIntervalCheckpoint() {
        if (sinceCheckpoint == 0 || settings.checkpointInterval().isZero() || failure.isPresent()) {
            return TimeUnit.HOURS.toNanos(1);
        }
        long due = lastCheckpointNanos + settings.checkpointInterval().toNanos() - System.nanoTime();
        return Math.max(0, due);
    }

    private long stageRecord(AuditRecord record) throws IOException {
        Instant now = clock.instant();
        Sealed line = AuditJson.statement(seq + 1, record, lastHash);
        if (needsNewFile(now, line.bytes().length)) {
            rotate(now, Checkpoint.Reason.ROTATION);
            line = AuditJson.statement(seq + 1, record, lastHash);
        }
        stage(line);
        long recordSeq = seq;
        if (sinceCheckpoint >= settings.checkpointEvery()) {
            stageCheckpoint(Checkpoint.Reason.INTERVAL);
        }
        return recordSeq;
    }

    private boolean needsNewFile(Instant now, int lineLength) {
        return channel == null
                || !LocalDate.ofInstant(now, ZoneOffset.UTC).equals(fileDay)
                || (size + lineLength > settings.maxFileBytes() && linesInFile > 1);
    }

    /** Finishes the current file and starts the next, which opens with a signed checkpoint. */
    private void rotate(Instant now, Checkpoint.Reason reason) throws IOException {
        flush();
        closeChannelQuietly();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int counter = AuditFiles.list(settings.directory()).stream()
                .filter(f -> AuditFiles.day(f).equals(day))
                .mapToInt(AuditFiles::counter)
                .max().orElse(0) + 1;
        Path next = settings.directory().resolve(AuditFiles.name(day, counter));
        channel = FileChannel.open(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (settings.fsync()) {
            AuditFiles.syncDirectory(settings.directory());
        }
        file = next;
        fileDay = day;
        size = 0;
        linesInFile = 0;
        stageCheckpoint(reason);
        flush();
    }

    private void stageCheckpoint(Checkpoint.Reason reason) {
        Sealed line = AuditJson.checkpoint(seq + 1, clock.instant(), reason, file.getFileName().toString(), keys,
                lastHash);
        stage(line);
        stagedHead = Optional.of(line.bytes());
        sinceCheckpoint = 0;
        lastCheckpointNanos = System.nanoTime();
    }

    private void stage(Sealed line) {
        staged.add(line.bytes());
        seq++;
        lastHash = line.hash();
        size += line.bytes().length;
        linesInFile++;
        sinceCheckpoint++;
    }

    /** One positioned write for everything staged, one fsync, then the head if a checkpoint went out. */
    private void flush() throws IOException {
        if (staged.isEmpty()) {
            return;
        }
        int total = staged.stream().mapToInt(b -> b.length).sum();
        ByteBuffer buffer = ByteBuffer.allocate(total);
        staged.forEach(buffer::put);
        buffer.flip();
        AuditFiles.writeFully(channel, buffer, size - total);
        staged.clear();
        if (settings.fsync()) {
            channel.force(false);
        }
        if (stagedHead.isPresent()) {
            AuditFiles.writeHead(settings.directory(), stagedHead.get(), settings.fsync());
            stagedHead = Optional.empty();
        }
    }

    /**
     * Finds where the chain stands: cuts a torn last line, reads the last complete line, checks
     * the signed head, then writes {@code recovered} (if it cut) and the {@code start} checkpoint.
     */
    private void recover() throws IOException {
        List<Path> files = AuditFiles.list(settings.directory());
        Optional<String> head = AuditFiles.readHead(settings.directory());
        Instant now = clock.instant();
        if (files.isEmpty()) {
            if (head.isPresent()) {
                throw new AuditException(settings.directory() + " has an audit.head but no audit files: the log was "
                        + "removed. Run 'sluice audit verify'; move the directory aside to start a new log.");
            }
            rotate(now, Checkpoint.Reason.START);
            return;
        }
        Path last = files.getLast();
        channel = FileChannel.open(last, StandardOpenOption.READ, StandardOpenOption.WRITE);
        file = last;
        fileDay = AuditFiles.day(last);
        long fileSize = channel.size();
        long end = AuditFiles.endOfLastLine(channel, fileSize);
        Optional<byte[]> torn = Optional.empty();
        if (end < fileSize) {
            torn = Optional.of(AuditFiles.read(channel, end, fileSize).getBytes(StandardCharsets.UTF_8));
            channel.truncate(end);
            channel.force(true);
            LOG.warn("Audit log {} ended with an incomplete line of {} bytes (the gateway stopped during a write); "
                    + "cut it off and recorded that in the log.", last, fileSize - end);
        }
        size = end;
        // Only "more than the opening checkpoint" matters for rotation; a non-empty file is that.
        linesInFile = end > 0 ? 2 : 0;
        AuditEntry lastEntry = lastEntry(files);
        seq = lastEntry.seq();
        lastHash = lastEntry.hash();
        checkHead(head, files);
        if (torn.isPresent()) {
            stage(AuditJson.recovered(seq + 1, now, last.getFileName().toString(), fileSize - end,
                    AuditJson.sha256(torn.get()), lastHash));
        }
        if (needsNewFile(now, 0)) {
            rotate(now, Checkpoint.Reason.START);
        } else {
            stageCheckpoint(Checkpoint.Reason.START);
            flush();
        }
    }

    /** The last complete line of the log, looking back past empty files. */
    private AuditEntry lastEntry(List<Path> files) throws IOException {
        for (int i = files.size() - 1; i >= 0; i--) {
            try (FileChannel in = FileChannel.open(files.get(i), StandardOpenOption.READ)) {
                long end = AuditFiles.endOfLastLine(in, in.size());
                if (end == 0) {
                    continue;
                }
                long start = AuditFiles.lastNewlineBefore(in, end - 1) + 1;
                String line = AuditFiles.read(in, start, end - 1);
                try {
                    return AuditJson.parse(line).entry();
                } catch (AuditFormatException e) {
                    throw new AuditException("the last line of " + files.get(i) + " is not an audit line ("
                            + e.getMessage() + "); run 'sluice audit verify'");
                }
            }
        }
        throw new AuditException("the audit files in " + settings.directory() + " are all empty; run "
                + "'sluice audit verify', then move them aside to start a new log");
    }

    /** A head that names a line the log no longer reaches means lines or files were removed. */
    private void checkHead(Optional<String> head, List<Path> files) {
        String problem;
        if (head.isEmpty()) {
            problem = "audit.head is missing";
        } else {
            Optional<AuditEntry> entry;
            try {
                entry = Optional.of(AuditJson.parse(head.get()).entry());
            } catch (AuditFormatException e) {
                entry = Optional.empty();
            }
            if (!(entry.orElse(null) instanceof Checkpoint cp) || !keys.verify(cp.hash(), cp.signature())) {
                problem = "audit.head is not a checkpoint signed by this key";
            } else if (cp.seq() > seq) {
                problem = "audit.head names line " + cp.seq() + " but the log ends at line " + seq;
            } else if (files.stream().noneMatch(f -> f.getFileName().toString().equals(cp.file()))) {
                problem = "audit.head names " + cp.file() + ", which is missing";
            } else {
                return;
            }
        }
        throw new AuditException("the audit log in " + settings.directory() + " does not match its signed head: "
                + problem + ". Run 'sluice audit verify'; move the directory aside to start a new log.");
    }

    private void closeChannelQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing after a failure or at the end; nothing more can be lost here.
            }
            channel = null;
        }
    }
}
