package io.sluice.gateway.audit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The layout of an audit directory: {@code audit-YYYY-MM-DD-NNNN.jsonl} files (UTC day, then a
 * counter from 0001 within the day), so sorting by name is sorting by age, and
 * {@code audit.head}: a copy of the latest signed checkpoint line, replaced atomically. The head
 * is what reveals a removed or cut-short last file: it names a line that must still be there.
 */
final class AuditFiles {
    static final String HEAD = "audit.head";
    private static final Pattern NAME = Pattern.compile("audit-(\\d{4}-\\d{2}-\\d{2})-(\\d{4})\\.jsonl");

    private AuditFiles() {}

    static String name(LocalDate day, int counter) {
        return "audit-" + day + "-" + String.format("%04d", counter) + ".jsonl";
    }

    static boolean isLogFile(Path file) {
        return NAME.matcher(file.getFileName().toString()).matches();
    }

    static LocalDate day(Path file) {
        return LocalDate.parse(match(file).group(1));
    }

    static int counter(Path file) {
        return Integer.parseInt(match(file).group(2));
    }

    private static Matcher match(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an audit file name: " + file);
        }
        return m;
    }

    /** The log files, oldest first. */
    static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(AuditFiles::isLogFile).sorted().toList();
        } catch (IOException e) {
            throw new AuditException("cannot list the audit directory " + dir + ": " + e.getMessage(), e);
        }
    }

    static Optional<String> readHead(Path dir) {
        try {
            return Optional.of(Files.readString(dir.resolve(HEAD), StandardCharsets.UTF_8).strip());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new AuditException("cannot read " + dir.resolve(HEAD) + ": " + e.getMessage(), e);
        }
    }

    /** Writes the head beside the logs and renames it into place, so it is never half-written. */
    static void writeHead(Path dir, byte[] checkpointLine, boolean fsync) throws IOException {
        Path temp = dir.resolve(HEAD + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, ByteBuffer.wrap(checkpointLine), 0);
            if (fsync) {
                out.force(true);
            }
        }
        Files.move(temp, dir.resolve(HEAD), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (fsync) {
            syncDirectory(dir);
        }
    }

    /** Makes a new or renamed directory entry durable (Linux allows fsync on a directory). */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    /**
     * The offset just after the last newline: everything beyond it is an incomplete line. Reads
     * backwards in blocks, so a large file costs one block.
     */
    static long endOfLastLine(FileChannel channel, long size) throws IOException {
        return lastNewlineBefore(channel, size) + 1;
    }

    /** Position of the last '\n' before {@code end}, or -1. */
    static long lastNewlineBefore(FileChannel channel, long end) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(64 * 1024);
        long blockEnd = end;
        while (blockEnd > 0) {
            long blockStart = Math.max(0, blockEnd - block.capacity());
            block.clear().limit((int) (blockEnd - blockStart));
            long at = blockStart;
            while (block.hasRemaining()) {
                int n = channel.read(block, at);
                if (n < 0) {
                    break;
                }
                at += n;
            }
            for (int i = block.position() - 1; i >= 0; i--) {
                if (block.get(i) == '\n') {
                    return blockStart + i;
                }
            }
            blockEnd = blockStart;
        }
        return -1;
    }

    /** Receives the lines of a file; {@code complete} is false for a last line without its newline. */
    interface LineVisitor {
        /** Returns false to stop reading. */
        boolean line(long number, String text, boolean complete);
    }

    /** Streams a file's lines (split at '\n' only, as the writer writes them). */
    static void forEachLine(Path file, LineVisitor visitor) {
        try (Stream<Line> lines = lines(file)) {
            Iterator<Line> it = lines.iterator();
            while (it.hasNext()) {
                Line line = it.next();
                if (!visitor.line(line.number(), line.text(), line.complete())) {
                    return;
                }
            }
        }
    }

    /** One line of a log file; {@code complete} is false for a last line without its newline. */
    record Line(long number, String text, boolean complete) {}

    /**
     * A file's lines, read as they are pulled (split at '\n' only, as the writer writes them).
     * Close the stream to close the file; a read error comes out as an {@link AuditException}.
     */
    static Stream<Line> lines(Path file) {
        InputStream in;
        try {
            in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new AuditException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Iterator<Line> it = new Iterator<>() {
            private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
            private long number;
            private Line next;
            private boolean eof;

            @Override
            public boolean hasNext() {
                if (next == null && !eof) {
                    next = read();
                }
                return next != null;
            }

            @Override
            public Line next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Line line = next;
                next = null;
                return line;
            }

            private Line read() {
                buffer.reset();
                try {
                    int b;
                    while ((b = in.read()) >= 0) {
                        if (b == '\n') {
                            return new Line(++number, buffer.toString(StandardCharsets.UTF_8), true);
                        }
                        buffer.write(b);
                    }
                } catch (IOException e) {
                    throw new AuditException("cannot read " + file + ": " + e.getMessage(), e);
                }
                eof = true;
                return buffer.size() > 0 ? new Line(++number, buffer.toString(StandardCharsets.UTF_8), false) : null;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(() -> {
                    try {
                        in.close();
                    } catch (IOException e) {
                        // Nothing was written; the lines read are valid either way.
                    }
                });
    }

    /** The bytes of [from, to) as text. */
    static String read(FileChannel channel, long from, long to) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(to - from));
        long at = from;
        while (bytes.hasRemaining() && channel.read(bytes, at) > 0) {
            at = from + bytes.position();
        }
        return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
    }
}
