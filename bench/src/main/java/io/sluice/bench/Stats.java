package io.sluice.bench;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The measured runs of one statement on one target, summarised.
 *
 * @param status    {@link Status#OK} when every run completed; otherwise what stopped the first that did not
 * @param runs      completed runs the times are taken from (warm-ups excluded)
 * @param medianMs  median wall time of the completed runs (mean of the middle two for an even count)
 * @param rows      rows of the last completed run
 * @param note      why runs are missing, empty when none are
 */
record Stats(Status status, int runs, double medianMs, double minMs, double maxMs, long rows, String note) {

    enum Status { OK, TIMEOUT, ERROR }

    Stats {
        requireNonNull(status, "status");
        requireNonNull(note, "note");
    }

    static Stats of(List<Outcome> measured) {
        double[] times = measured.stream().filter(o -> o instanceof Outcome.Done)
                .mapToDouble(o -> ((Outcome.Done) o).millis()).sorted().toArray();
        long rows = measured.stream().filter(o -> o instanceof Outcome.Done).mapToLong(o -> ((Outcome.Done) o).rows())
                .reduce((a, b) -> b).orElse(0);
        Status status = Status.OK;
        String note = "";
        for (Outcome outcome : measured) {
            switch (outcome) {
                case Outcome.Done done -> { }
                case Outcome.TimedOut t -> {
                    status = Status.TIMEOUT;
                    note = "timed out at " + t.limit().toSeconds() + " s";
                }
                case Outcome.Failed f -> {
                    status = Status.ERROR;
                    note = f.message();
                }
            }
            if (status != Status.OK) {
                break;
            }
        }
        if (times.length == 0) {
            return new Stats(status, 0, Double.NaN, Double.NaN, Double.NaN, 0, note);
        }
        int n = times.length;
        double median = n % 2 == 1 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
        return new Stats(status, n, median, times[0], times[n - 1], rows, note);
    }

    boolean hasTimes() {
        return runs > 0;
    }

    /** Rows per second at the median time. */
    double rowsPerSecond() {
        return hasTimes() && medianMs > 0 ? rows / (medianMs / 1000) : Double.NaN;
    }
}
