package io.sluice.bench;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.demo.AnswerComparison;
import io.sluice.gateway.demo.TpchQueries;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Times each case: warm-ups first, then the measured runs alternating gateway and baseline (so drift in the
 * machine's load hits both alike). A target that times out or fails is not run again for that case: its
 * outcome is recorded, and the remaining runs would only repeat it.
 */
final class Measurer {

    private final int warmups;
    private final int runs;
    private final Duration limit;
    private final PrintStream log;

    Measurer(int warmups, int runs, Duration limit, PrintStream log) {
        if (warmups < 0 || runs < 1) {
            throw new IllegalArgumentException("need warmups >= 0 and runs >= 1, got " + warmups + " and " + runs);
        }
        this.warmups = warmups;
        this.runs = runs;
        this.limit = requireNonNull(limit, "limit");
        this.log = requireNonNull(log, "log");
    }

    CaseResult measure(BenchCase c, Endpoint gateway, Map<BenchCase.Baseline, Endpoint> baselines) {
        boolean keep = c.check() == BenchCase.Check.ANSWER;
        Series sluice = new Series(gateway, c.gatewaySql(), keep);
        Optional<Series> direct = c.baseline().map(b -> new Series(baselines.get(b), c.baselineSql(), keep));
        for (int i = 0; i < Math.max(warmups, c.atLeast()); i++) {
            sluice.warmUp();
            direct.ifPresent(Series::warmUp);
        }
        for (int i = 0; i < Math.max(runs, c.atLeast()); i++) {
            sluice.measure();
            direct.ifPresent(Series::measure);
        }
        String check = direct.map(d -> check(c, sluice, d)).orElse("no baseline");
        CaseResult result = new CaseResult(c, sluice.stats(), direct.map(Series::stats), check);
        log.println(Report.progressLine(result));
        return result;
    }

    private static String check(BenchCase c, Series sluice, Series direct) {
        Optional<Outcome.Done> mine = sluice.lastDone();
        Optional<Outcome.Done> theirs = direct.lastDone();
        if (mine.isEmpty() || theirs.isEmpty()) {
            return "not checked (" + (mine.isEmpty() ? "gateway" : "baseline") + " did not complete)";
        }
        return switch (c.check()) {
            case ANSWER -> AnswerComparison.compare(theirs.get().answer().orElseThrow(),
                            mine.get().answer().orElseThrow(), TpchQueries.isOrdered(c.template()))
                    .map(m -> "MISMATCH: " + m).orElse("match");
            case ROW_COUNT -> mine.get().rows() == theirs.get().rows() ? "rows match"
                    : "MISMATCH: " + mine.get().rows() + " rows, baseline " + theirs.get().rows();
        };
    }

    /** The outcomes of one statement on one endpoint. */
    private final class Series {
        private final Endpoint endpoint;
        private final String sql;
        private final boolean keep;
        private final List<Outcome> measured = new ArrayList<>();
        private Optional<Outcome> stopped = Optional.empty();
        private Optional<Outcome.Done> lastDone = Optional.empty();

        Series(Endpoint endpoint, String sql, boolean keep) {
            this.endpoint = requireNonNull(endpoint, "endpoint");
            this.sql = sql;
            this.keep = keep;
        }

        void warmUp() {
            run();
        }

        void measure() {
            if (stopped.isEmpty()) {
                run().ifPresent(measured::add);
            }
        }

        private Optional<Outcome> run() {
            if (stopped.isPresent()) {
                return Optional.empty();
            }
            // Only the first completed answer is kept and compared; later runs just read their rows.
            Outcome outcome = endpoint.run(sql, limit, keep && lastDone.isEmpty());
            switch (outcome) {
                case Outcome.Done done -> {
                    if (done.answer().isPresent() || !keep) {
                        lastDone = Optional.of(done);
                    }
                }
                case Outcome.TimedOut t -> stopped = Optional.of(t);
                case Outcome.Failed f -> stopped = Optional.of(f);
            }
            return Optional.of(outcome);
        }

        Optional<Outcome.Done> lastDone() {
            return lastDone;
        }

        Stats stats() {
            List<Outcome> all = new ArrayList<>(measured);
            if (measured.isEmpty()) {
                stopped.ifPresent(all::add); // stopped during warm-up: that is the result
            }
            return Stats.of(all);
        }
    }
}
