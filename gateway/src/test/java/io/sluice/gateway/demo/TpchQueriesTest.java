package io.sluice.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TpchQueriesTest {

    @Test
    void allTwentyTwoQueriesLoadAndFillEveryPlaceholderInEachLayout() {
        assertThat(TpchQueries.names()).hasSize(22).startsWith("q01").endsWith("q22");
        for (String name : TpchQueries.names()) {
            String template = TpchQueries.template(name);
            assertThat(template).contains("${");
            for (Map<String, String> layout : new Map[] {TpchQueries.DEMO_LAYOUT, TpchQueries.BENCH_LAYOUT,
                    TpchQueries.SINGLE_DATABASE}) {
                assertThat(TpchQueries.substitute(template, layout)).doesNotContain("${");
            }
        }
    }

    @Test
    void theBenchLayoutReadsNationAndRegionFromMariaDbAndTheDemoFromFiles() {
        String q05 = TpchQueries.template("q05");

        assertThat(TpchQueries.substitute(q05, TpchQueries.BENCH_LAYOUT)).contains("crm.nation", "crm.region")
                .doesNotContain("lake.");
        assertThat(TpchQueries.substitute(q05, TpchQueries.DEMO_LAYOUT)).contains("lake.nation", "lake.region");
    }

    @Test
    void anUnknownQueryOrAnUnfilledPlaceholderIsAClearError() {
        assertThatThrownBy(() -> TpchQueries.template("q23")).hasMessageContaining("no TPC-H query q23");
        assertThatThrownBy(() -> TpchQueries.name(0)).hasMessageContaining("1 to 22");
        assertThatThrownBy(() -> TpchQueries.substitute("select * from ${nowhere}", TpchQueries.DEMO_LAYOUT))
                .hasMessageContaining("names no table");
    }
}
