package io.sluice.gateway.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.testing.DemoEngine;
import io.sluice.gateway.testing.DemoEngines;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the plan proves about how many rows a source fragment can return. */
class FragmentRowBoundTest {
    @RegisterExtension
    static final DemoEngine demo = DemoEngine.of(DemoEngines::config);

    private static OptionalLong bound(String sql) {
        PlannedQuery planned = demo.engine().plan(sql, SessionContext.localAdmin());
        assertThat(planned.fragments()).hasSize(1);
        return planned.fragments().getFirst().maxRows();
    }

    @Test
    void primaryKeyEqualToAConstantIsOneRow() {
        assertThat(bound("select * from sales.orders where o_orderkey = 1")).hasValue(1);
        assertThat(bound("select o_totalprice from sales.orders where o_orderkey = 7 and o_orderstatus = 'F'"))
                .hasValue(1);
    }

    @Test
    void limitsAndGlobalAggregatesAreBounded() {
        assertThat(bound("select o_orderkey from sales.orders order by o_orderkey limit 5")).hasValue(5);
        assertThat(bound("select count(*) from sales.orders")).hasValue(1);
    }

    @Test
    void rangesAndPartOfAKeyAreNot() {
        assertThat(bound("select * from sales.orders where o_orderkey < 10")).isEmpty();
        // lineitem's key is (l_orderkey, l_linenumber): one of the two leaves several rows.
        assertThat(bound("select * from sales.lineitem where l_orderkey = 1")).isEmpty();
        assertThat(bound("select o_orderstatus, count(*) from sales.orders group by o_orderstatus")).isEmpty();
    }
}
