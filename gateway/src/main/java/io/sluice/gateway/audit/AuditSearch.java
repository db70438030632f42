package io.sluice.gateway.audit;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.audit.AuditEntry.Statement;
import io.sluice.gateway.audit.AuditRecord.Outcome;
import io.sluice.gateway.audit.AuditRecord.TableRead;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Finds statements in an audit directory: by user, table, column, outcome, time and text.
 * Reads the files as they are (run {@code audit verify} to trust them); lines that are not
 * statement records are skipped, broken ones are counted in {@link #skipped()}.
 */
public final class AuditSearch {
    private final Path dir;
    private long skipped;

    public AuditSearch(Path dir) {
        this.dir = requireNonNull(dir, "dir is null");
    }

    /**
     * What to look for; every present filter must match.
     *
     * @param table  {@code table}, {@code schema.table} or {@code source.schema.table}, case-insensitive
     * @param column a column name, or {@code table.column} to tie it to a table
     * @param text   a case-insensitive substring of the SQL or the error message
     * @param since  inclusive
     * @param until  exclusive
     */
    public record Query(Optional<String> user, Optional<String> table, Optional<String> column,
            Optional<Outcome> outcome, Optional<Instant> since, Optional<Instant> until, Optional<String> text) {
        public static final Query ALL = new Query(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        public Query {
            requireNonNull(user, "user is null");
            requireNonNull(table, "table is null");
            requireNonNull(column, "column is null");
            requireNonNull(outcome, "outcome is null");
            requireNonNull(since, "since is null");
            requireNonNull(until, "until is null");
            requireNonNull(text, "text is null");
        }

        boolean matches(AuditRecord r) {
            return user.map(u -> u.equals(r.user())).orElse(true)
                    && outcome.map(o -> o == r.outcome()).orElse(true)
                    && since.map(s -> !r.time().isBefore(s)).orElse(true)
                    && until.map(u -> r.time().isBefore(u)).orElse(true)
                    && table.map(t -> r.tables().stream().anyMatch(read -> tableMatches(read.table(), t))).orElse(true)
                    && column.map(c -> r.tables().stream().anyMatch(read -> columnMatches(read, c))).orElse(true)
                    && text.map(t -> contains(r.sql(), t)
                            || r.error().map(e -> contains(e.message(), t)).orElse(false)).orElse(true);
        }
    }

    /** {@code people} matches {@code sales.public.people}, as do {@code public.people} and the full name. */
    static boolean tableMatches(String qualified, String wanted) {
        String q = qualified.toLowerCase(Locale.ROOT);
        String w = wanted.toLowerCase(Locale.ROOT);
        return q.equals(w) || q.endsWith("." + w);
    }

    private static boolean columnMatches(TableRead read, String wanted) {
        int dot = wanted.lastIndexOf('.');
        if (dot > 0 && !tableMatches(read.table(), wanted.substring(0, dot))) {
            return false;
        }
        String column = wanted.substring(dot + 1);
        return read.columns().stream().anyMatch(c -> c.equalsIgnoreCase(column));
    }

    private static boolean contains(String haystack, String needle) {
        return haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
    }

    /** Every statement record, oldest first. */
    public List<Statement> statements() {
        return find(Query.ALL);
    }

    public List<Statement> find(Query query) {
        List<Statement> found = new ArrayList<>();
        forEach(s -> {
            if (query.matches(s.record())) {
                found.add(s);
            }
        });
        return found;
    }

    /** Streams every statement record, oldest first, without holding the log in memory. */
    public void forEach(Consumer<Statement> consumer) {
        try (Stream<Statement> statements = stream()) {
            statements.forEach(consumer);
        }
    }

    /**
     * Every statement record, oldest first, read from the files only as the stream is pulled: one
     * file is open at a time and no more than one line is held. Close the stream when done.
     */
    public Stream<Statement> stream() {
        StatementIterator statements = new StatementIterator(AuditFiles.list(dir).iterator());
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(statements,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(statements::close);
    }

    /** Walks the files' lines, keeping the statement records of complete lines. */
    private final class StatementIterator implements Iterator<Statement> {
        private final Iterator<Path> files;
        private Stream<AuditFiles.Line> open = Stream.empty();
        private Iterator<AuditFiles.Line> lines = Collections.emptyIterator();
        private Statement next;

        StatementIterator(Iterator<Path> files) {
            this.files = files;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (lines.hasNext()) {
                    next = statement(lines.next()).orElse(null);
                } else if (files.hasNext()) {
                    open.close();
                    open = AuditFiles.lines(files.next());
                    lines = open.iterator();
                } else {
                    close();
                    return false;
                }
            }
            return true;
        }

        @Override
        public Statement next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Statement statement = next;
            next = null;
            return statement;
        }

        void close() {
            open.close();
        }
    }

    /** A torn last line (no newline yet: being written, or cut by a crash) is not a record yet. */
    private Optional<Statement> statement(AuditFiles.Line line) {
        if (!line.complete()) {
            return Optional.empty();
        }
        try {
            return AuditJson.parse(line.text()).entry() instanceof Statement s ? Optional.of(s) : Optional.empty();
        } catch (AuditFormatException e) {
            skipped++;
            return Optional.empty();
        }
    }

    /** Lines that could not be read as audit lines during the last search. */
    public long skipped() {
        return skipped;
    }

    /** One canonical JSON line per statement, exactly as stored. */
    public static void printJson(List<Statement> statements, PrintStream out) {
        for (Statement s : statements) {
            out.print(new String(AuditJson.statement(s.seq(), s.record(), s.prevHash()).bytes(),
                    StandardCharsets.UTF_8));
        }
    }

    /** An aligned table for people: seq, time, user, outcome, kind, rows, ms, tables, SQL. */
    public static void printTable(List<Statement> statements, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"seq", "time", "user", "outcome", "kind", "rows", "ms", "tables", "sql"});
        for (Statement s : statements) {
            AuditRecord r = s.record();
            rows.add(new String[] {Long.toString(s.seq()), AuditJson.time(r.time()).substring(0, 19) + "Z", r.user(),
                r.outcome().wireName(), r.kind(), Long.toString(r.rows()), Long.toString(r.durationMs()),
                String.join(",", r.tables().stream().map(TableRead::table).toList()), oneLine(r.sql(), 80)});
        }
        int[] widths = new int[rows.getFirst().length];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(i == 0 ? " " : " | ").append(String.format("%-" + widths[i] + "s", rows.get(r)[i]));
            }
            out.println(line.toString().stripTrailing());
            if (r == 0) {
                StringBuilder rule = new StringBuilder();
                for (int i = 0; i < widths.length; i++) {
                    rule.append(i == 0 ? "-" : "-+-").append("-".repeat(widths[i]));
                }
                out.println(rule.append('-'));
            }
        }
        out.println(statements.size() == 1 ? "(1 statement)" : "(" + statements.size() + " statements)");
    }

    private static String oneLine(String sql, int max) {
        String flat = sql.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 3) + "...";
    }
}
