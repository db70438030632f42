package io.sluice.bench;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One case measured: the gateway's figures, the baseline's, and whether their answers agree.
 *
 * @param check {@code match}, {@code MISMATCH: ...}, or why it could not be checked
 */
record CaseResult(BenchCase benchCase, Stats gateway, Optional<Stats> baseline, String check) {

    CaseResult {
        requireNonNull(benchCase, "benchCase");
        requireNonNull(gateway, "gateway");
        requireNonNull(baseline, "baseline");
        requireNonNull(check, "check");
    }

    /** Gateway median over baseline median, when both completed. */
    Optional<Double> ratio() {
        return baseline.filter(b -> b.hasTimes() && gateway.hasTimes() && b.medianMs() > 0)
                .map(b -> gateway.medianMs() / b.medianMs());
    }
}
