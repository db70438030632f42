package io.sluice.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.demo.TpchQueries;
import io.sluice.gateway.engine.DependentJoinTest.Ran;
import io.sluice.gateway.testing.DemoEngine;
import io.sluice.gateway.testing.DemoEngines;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Aggregates over a left outer join across sources, summed up on the inner side's source before
 * the join: each answer as one PostgreSQL database holding all the tables gives it, including
 * the outer rows without a match (COUNT(*) counts them, COUNT(x) and SUM do not) and arguments
 * that are not null on those rows, which must not be summed up early.
 */
class AggregateBelowOuterJoinTest {
    @RegisterExtension
    static final DemoEngine demo = DemoEngine.of(DemoEngines::config);

    private static final String ORDERS_PER_CUSTOMER = """
            select c_custkey, count(o_orderkey) from ${customer}
            left join ${orders} on c_custkey = o_custkey and o_comment not like '%special%requests%'
            group by c_custkey""";

    @ParameterizedTest
    @ValueSource(strings = {
        ORDERS_PER_CUSTOMER,
        // TPC-H Q13, unordered
        "select c_count, count(*) as custdist from (select c_custkey, count(o_orderkey) as c_count from ${customer}"
                + " left outer join ${orders} on c_custkey = o_custkey and o_comment not like '%special%requests%'"
                + " group by c_custkey) as c_orders group by c_count",
        "select c_nationkey, count(*), count(o_orderkey), sum(o_totalprice), min(o_orderdate), max(o_orderpriority)"
                + " from ${customer} left join ${orders} on o_custkey = c_custkey group by c_nationkey",
        "select count(*), count(o_orderkey), sum(o_totalprice) from ${customer} left join ${orders}"
                + " on o_custkey = c_custkey where c_custkey < 300",
        // not null on a customer without orders: 0, not NULL
        "select c_custkey, sum(coalesce(o_totalprice, 0)), count(case when o_orderstatus = 'F' then 1 end)"
                + " from ${customer} left join ${orders} on o_custkey = c_custkey where c_custkey < 300"
                + " group by c_custkey",
        // the group in another order than the join's fields
        "select count(o_orderkey), c_name, c_custkey from ${customer} left join ${orders} on o_custkey = c_custkey"
                + " where c_custkey < 300 group by c_name, c_custkey",
        // a file source's rows outside, MariaDB's inside
        "select n_name, count(c_custkey), sum(c_acctbal) from ${nation} left join ${customer}"
                + " on c_nationkey = n_nationkey group by n_name",
        // a condition on the outer side stays in the join
        "select c_custkey, count(o_orderkey) from ${customer} left join ${orders}"
                + " on c_custkey = o_custkey and c_nationkey = 3 where c_custkey < 300 group by c_custkey",
    })
    void answersAsOneDatabaseDoes(String template) throws Exception {
        assertThat(TpchCorrectnessTest.differenceFromOneDatabase(demo.engine(), template))
                .as("difference from the single-database answer").isEmpty();
    }

    @Test
    void theInnerSourceCountsPerKeyInsteadOfSendingEveryRow() {
        Ran ran = DependentJoinTest.run(demo.engine(), TpchQueries.substitute(ORDERS_PER_CUSTOMER,
                TpchQueries.DEMO_LAYOUT));
        long customersWithOrders = ran.rows().stream().filter(r -> (Long) r.get(1) > 0).count();

        assertThat(ran.to("sales")).singleElement().satisfies(orders -> {
            assertThat(orders.sql()).contains("COUNT(").contains("GROUP BY \"o_custkey\"");
            assertThat(orders.rows()).isEqualTo(customersWithOrders);
        });
    }

    @Test
    void anArgumentNotNullOnUnmatchedRowsIsSummedAfterTheJoin() {
        Ran ran = DependentJoinTest.run(demo.engine(), TpchQueries.substitute("""
                select c_custkey, sum(coalesce(o_totalprice, 0)) from ${customer}
                left join ${orders} on o_custkey = c_custkey group by c_custkey""", TpchQueries.DEMO_LAYOUT));

        assertThat(ran.rows()).anySatisfy(r -> assertThat(r.get(1))
                .isInstanceOfSatisfying(BigDecimal.class, sum -> assertThat(sum).isZero()));
        assertThat(ran.to("sales")).singleElement()
                .satisfies(orders -> assertThat(orders.sql()).doesNotContain("GROUP BY"));
    }
}
