package io.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatsTest {

    private static Outcome done(double millis, long rows) {
        return new Outcome.Done((long) (millis * 1e6), rows, Optional.empty());
    }

    @Test
    void medianOfAnOddCountIsTheMiddleRunAndMinMaxAreTheExtremes() {
        Stats s = Stats.of(List.of(done(30, 7), done(10, 7), done(50, 7), done(20, 7), done(40, 7)));

        assertThat(s.status()).isEqualTo(Stats.Status.OK);
        assertThat(s.runs()).isEqualTo(5);
        assertThat(s.medianMs()).isEqualTo(30);
        assertThat(s.minMs()).isEqualTo(10);
        assertThat(s.maxMs()).isEqualTo(50);
        assertThat(s.rows()).isEqualTo(7);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Stats.of(List.of(done(10, 1), done(40, 1), done(20, 1), done(30, 1))).medianMs()).isEqualTo(25);
    }

    @Test
    void aTimeoutMarksTheSeriesButKeepsTheCompletedRuns() {
        Stats s = Stats.of(List.of(done(10, 1), new Outcome.TimedOut(Duration.ofSeconds(60))));

        assertThat(s.status()).isEqualTo(Stats.Status.TIMEOUT);
        assertThat(s.runs()).isEqualTo(1);
        assertThat(s.note()).isEqualTo("timed out at 60 s");
    }

    @Test
    void aFailureWithoutAnyCompletedRunHasNoTimes() {
        Stats s = Stats.of(List.of(new Outcome.Failed("XX000 boom")));

        assertThat(s.status()).isEqualTo(Stats.Status.ERROR);
        assertThat(s.hasTimes()).isFalse();
        assertThat(s.medianMs()).isNaN();
        assertThat(s.note()).isEqualTo("XX000 boom");
    }

    @Test
    void rowsPerSecondIsTakenAtTheMedian() {
        assertThat(Stats.of(List.of(done(500, 1000))).rowsPerSecond()).isEqualTo(2000);
    }

    @Test
    void percentilesAreNearestRank() {
        long[] nanos = new long[100];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (i + 1) * 1_000_000L;
        }
        assertThat(ConcurrencyRun.percentile(nanos, 0.50)).isEqualTo(50);
        assertThat(ConcurrencyRun.percentile(nanos, 0.99)).isEqualTo(99);
        assertThat(ConcurrencyRun.percentile(new long[0], 0.5)).isNaN();
    }
}
