package io.sluice.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The results as CSV (one line per case and target, for tools) and as a Markdown table (for people and the
 * README). Timeouts and errors are rows like any other, never left out.
 *
 * @param header lines above the tables: machine, date, command, settings
 */
record Report(List<String> header, List<CaseResult> cases, List<ConcurrencyRun.Result> concurrency) {

    static final String CSV_HEADER = "group,name,target,status,runs,median_ms,min_ms,max_ms,rows,rows_per_s,"
            + "ratio_to_baseline,check,throughput_per_s,p50_ms,p99_ms,errors,note";

    Report {
        header = List.copyOf(header);
        cases = List.copyOf(cases);
        concurrency = List.copyOf(concurrency);
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("results.csv"), csv());
        Files.writeString(directory.resolve("results.md"), markdown());
    }

    String csv() {
        StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
        for (CaseResult r : cases) {
            BenchCase c = r.benchCase();
            csvLine(out, c.group(), c.name(), "sluice", r.gateway(), r.ratio(), r.check());
            r.baseline().ifPresent(b -> csvLine(out, c.group(), c.name(),
                    c.baseline().orElseThrow().name().toLowerCase(Locale.ROOT), b, Optional.empty(), ""));
        }
        for (ConcurrencyRun.Result r : concurrency) {
            out.append(String.join(",", "concurrency", "f2x" + r.clients(), csvText(r.target()),
                    r.errors() == 0 ? "OK" : "ERROR", "1", "", "", "", "", "", "", "",
                    number(r.perSecond()), number(r.p50Ms()), number(r.p99Ms()), Long.toString(r.errors()),
                    csvText(r.firstError()))).append('\n');
        }
        return out.toString();
    }

    private static void csvLine(StringBuilder out, String group, String name, String target, Stats s,
                                Optional<Double> ratio, String check) {
        out.append(String.join(",", group, name, target, s.status().name(), Integer.toString(s.runs()),
                number(s.medianMs()), number(s.minMs()), number(s.maxMs()), Long.toString(s.rows()),
                number(s.rowsPerSecond()), ratio.map(Report::number).orElse(""), csvText(check), "", "", "", "",
                csvText(s.note()))).append('\n');
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        header.forEach(line -> out.append(line).append('\n'));
        List<CaseResult> tpch = cases.stream().filter(r -> r.benchCase().group().equals("tpch")).toList();
        List<CaseResult> probes = cases.stream().filter(r -> r.benchCase().group().equals("probes")).toList();
        if (!tpch.isEmpty()) {
            out.append("\n**TPC-H**: Sluice (tables split over PostgreSQL and MariaDB) against PostgreSQL alone with all"
                    + " eight tables in one database; ratio = Sluice median / PostgreSQL median.\n\n");
            out.append("| query | Sluice median ms | min–max ms | rows | PostgreSQL median ms | ratio | answer |\n");
            out.append("|---|---:|---:|---:|---:|---:|---|\n");
            for (CaseResult r : tpch) {
                out.append("| ").append(r.benchCase().name().toUpperCase()).append(" | ").append(timeCell(r.gateway()))
                        .append(" | ").append(rangeCell(r.gateway())).append(" | ").append(rowsCell(r.gateway()))
                        .append(" | ").append(r.baseline().map(Report::timeCell).orElse("—"))
                        .append(" | ").append(ratioCell(r.ratio())).append(" | ").append(markdownText(r.check()))
                        .append(" |\n");
            }
            long within = tpch.stream().filter(r -> r.ratio().filter(x -> x <= 3).isPresent()).count();
            long matching = tpch.stream().filter(r -> r.check().equals("match")).count();
            long mismatching = tpch.stream().filter(r -> r.check().startsWith("MISMATCH")).count();
            out.append("\nWithin 3× of PostgreSQL alone: ").append(within).append(" of ").append(tpch.size())
                    .append("; answers matching: ").append(matching).append(", mismatching: ").append(mismatching)
                    .append(", not checked: ").append(tpch.size() - matching - mismatching).append(".\n");
        }
        if (!probes.isEmpty()) {
            out.append("\n**Probes**: baseline is PostgreSQL directly (f2–f4 on the `sales` database itself; f1, f5"
                    + " on one database with all tables).\n\n");
            out.append("| probe | what | Sluice median ms | min–max ms | rows | Sluice rows/s | baseline median ms"
                    + " | ratio | answer |\n");
            out.append("|---|---|---:|---:|---:|---:|---:|---:|---|\n");
            for (CaseResult r : probes) {
                out.append("| ").append(r.benchCase().name()).append(" | ").append(r.benchCase().description())
                        .append(" | ").append(timeCell(r.gateway())).append(" | ").append(rangeCell(r.gateway()))
                        .append(" | ").append(rowsCell(r.gateway())).append(" | ")
                        .append(rowsPerSecondCell(r.gateway()))
                        .append(" | ").append(r.baseline().map(Report::timeCell).orElse("—"))
                        .append(" | ").append(ratioCell(r.ratio())).append(" | ").append(markdownText(r.check()))
                        .append(" |\n");
            }
        }
        if (!concurrency.isEmpty()) {
            ConcurrencyRun.Result first = concurrency.getFirst();
            out.append("\n**Concurrency**: ").append(first.clients()).append(" clients, each on its own connection,"
                    + " issuing f2 (prepared) back to back for ").append(first.duration().toSeconds())
                    .append(" s after a warm-up.\n\n");
            out.append("| target | statements | per second | p50 ms | p99 ms | errors |\n");
            out.append("|---|---:|---:|---:|---:|---|\n");
            for (ConcurrencyRun.Result r : concurrency) {
                out.append("| ").append(r.target()).append(" | ").append(String.format(Locale.ROOT, "%,d", r.statements()))
                        .append(" | ").append(String.format(Locale.ROOT, "%,.0f", r.perSecond()))
                        .append(" | ").append(millis(r.p50Ms())).append(" | ").append(millis(r.p99Ms()))
                        .append(" | ").append(r.errors() == 0 ? "0" : r.errors() + " (" + markdownText(r.firstError()) + ")")
                        .append(" |\n");
            }
        }
        return out.toString();
    }

    static String progressLine(CaseResult r) {
        return String.format(Locale.ROOT, "%-4s sluice %-22s baseline %-22s ratio %-7s %s", r.benchCase().name(),
                timeCell(r.gateway()), r.baseline().map(Report::timeCell).orElse("-"), ratioCell(r.ratio()),
                r.check());
    }

    static String progressLine(ConcurrencyRun.Result r) {
        return String.format(Locale.ROOT, "concurrency %s: %d clients, %d statements, %.0f/s, p50 %s ms, p99 %s ms,"
                + " %d errors %s", r.target(), r.clients(), r.statements(), r.perSecond(), millis(r.p50Ms()),
                millis(r.p99Ms()), r.errors(), r.firstError());
    }

    private static String timeCell(Stats s) {
        return switch (s.status()) {
            case OK -> millis(s.medianMs());
            case TIMEOUT -> "timeout (" + s.note().replace("timed out at ", "") + ")"
                    + (s.hasTimes() ? " after " + s.runs() + " runs" : "");
            case ERROR -> "error" + (s.hasTimes() ? " after " + s.runs() + " runs" : "");
        };
    }

    private static String rangeCell(Stats s) {
        return s.hasTimes() ? millis(s.minMs()) + "–" + millis(s.maxMs()) : "—";
    }

    private static String rowsCell(Stats s) {
        return s.hasTimes() ? String.format(Locale.ROOT, "%,d", s.rows()) : "—";
    }

    /** Only where the rows are the point (large results); for a handful of rows the figure means nothing. */
    private static String rowsPerSecondCell(Stats s) {
        return s.hasTimes() && s.rows() >= 1000 ? String.format(Locale.ROOT, "%,.0f", s.rowsPerSecond()) : "—";
    }

    private static String ratioCell(Optional<Double> ratio) {
        return ratio.map(x -> String.format(Locale.ROOT, x < 10 ? "%.2f×" : "%.0f×", x)).orElse("—");
    }

    /** Milliseconds with a precision that suits their size. */
    static String millis(double ms) {
        if (Double.isNaN(ms)) {
            return "—";
        }
        return String.format(Locale.ROOT, ms < 10 ? "%.2f" : ms < 100 ? "%.1f" : "%,.0f", ms);
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String number(Double value) {
        return number(value.doubleValue());
    }

    static String csvText(String text) {
        requireNonNull(text, "text");
        if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private static String markdownText(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** Lines describing the tables, for {@link #header}. */
    static List<String> header(String title, List<String> facts) {
        List<String> lines = new ArrayList<>();
        lines.add(title);
        lines.add("");
        facts.forEach(f -> lines.add("- " + f));
        return lines;
    }
}
