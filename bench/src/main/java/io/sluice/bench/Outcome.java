package io.sluice.bench;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What one execution of one statement came to. */
sealed interface Outcome {

    /**
     * Ran to the end.
     *
     * @param nanos  wall time from sending the statement to reading the last row
     * @param rows   rows read
     * @param answer the rows, normalised for comparison, when they were kept
     */
    record Done(long nanos, long rows, Optional<List<List<Object>>> answer) implements Outcome {
        public Done {
            requireNonNull(answer, "answer");
        }

        double millis() {
            return nanos / 1e6;
        }
    }

    /** Cancelled at the per-statement limit. */
    record TimedOut(Duration limit) implements Outcome {
        public TimedOut {
            requireNonNull(limit, "limit");
        }
    }

    /** Failed with an error (the first line of its message). */
    record Failed(String message) implements Outcome {
        public Failed {
            requireNonNull(message, "message");
        }
    }
}
