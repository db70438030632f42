package io.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final BenchCase Q01 = BenchCase.tpch().getFirst();
    private static final BenchCase Q02 = BenchCase.tpch().get(1);

    private static Stats ok(double millis, long rows) {
        return Stats.of(List.of(new Outcome.Done((long) (millis * 1e6), rows, Optional.empty())));
    }

    private static Report report() {
        CaseResult fast = new CaseResult(Q01, ok(300, 4), Optional.of(ok(100, 4)), "match");
        CaseResult slow = new CaseResult(Q02, Stats.of(List.of(new Outcome.TimedOut(Duration.ofSeconds(60)))),
                Optional.of(ok(50, 100)), "not checked (gateway did not complete)");
        return new Report(List.of("### title"), List.of(fast, slow), List.of());
    }

    @Test
    void markdownShowsTheRatioAndKeepsTimeoutsAsRows() {
        String md = report().markdown();

        assertThat(md).contains("| Q01 | 300 | 300–300 | 4 | 100 | 3.00× | match |");
        assertThat(md).contains("| Q02 | timeout (60 s) | — | — | 50.0 | — | not checked (gateway did not complete) |");
        assertThat(md).contains("Within 3× of PostgreSQL alone: 1 of 2; answers matching: 1, mismatching: 0, not checked: 1.");
    }

    @Test
    void csvHasOneLinePerTargetAndQuotesTextWithCommas() {
        List<String> lines = report().csv().lines().toList();

        assertThat(lines.getFirst()).isEqualTo(Report.CSV_HEADER);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).startsWith("tpch,q01,sluice,OK,1,300.000,300.000,300.000,4,").contains(",3.000,match,");
        assertThat(lines.get(2)).startsWith("tpch,q01,tpch_all,OK,1,100.000,");
        assertThat(lines.get(3)).startsWith("tpch,q02,sluice,TIMEOUT,0,,,,0,");
        assertThat(Report.csvText("a, \"b\"")).isEqualTo("\"a, \"\"b\"\"\"");
    }

    @Test
    void everyCaseFillsItsPlaceholdersForBothTargets() {
        for (BenchCase c : BenchCase.tpch()) {
            assertThat(c.gatewaySql()).doesNotContain("${").contains("sales.");
            assertThat(c.baselineSql()).doesNotContain("${").doesNotContain("sales.").doesNotContain("crm.");
        }
        for (BenchCase c : BenchCase.probes()) {
            assertThat(c.gatewaySql()).doesNotContain("${");
            assertThat(c.baselineSql()).doesNotContain("${");
        }
        assertThat(BenchCase.tpch()).hasSize(22);
    }
}
