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
        "select c_nationkey, count(*), count(o_orderkey), sum(o_totalprice), min(o_orderdate), max(o_totalprice)"
                + " from ${customer} left join ${orders} on o_custkey = c_custkey group by c_nationkey",
        "select count(*), count(o_orderkey), sum(o_totalprice) from ${customer} left join ${orders}"
                + " on o_custkey = c_custkey where c_custkey < 300",
        // no outer rows at all: still one row, 0 counts and NULL sums
        "select count(o_orderkey), count(*), sum(o_totalprice), max(o_totalprice) from ${customer}"
                + " left join ${orders} on o_custkey = c_custkey where c_custkey < 0",
        // outer keys repeated, NULL, and without a match (30 keys, 25 nations)
        "select o_orderstatus, count(*), count(c_custkey), sum(c_acctbal), max(c_acctbal) from ${orders}"
                + " left join ${customer} on c_nationkey = case when mod(o_orderkey, 7) = 0 then null"
                + " else mod(o_custkey, 30) end where o_orderkey < 2000 group by o_orderstatus",
        // not null on a customer without orders (coalesce: 0, not NULL), so summed after the join
        "select c_custkey, sum(coalesce(o_totalprice, 0)) from ${customer} left join ${orders}"
                + " on o_custkey = c_custkey where c_custkey < 300 group by c_custkey",
        // a CASE that is null there, though not provably so
        "select c_custkey, count(case when o_orderstatus = 'F' then 1 end) from ${customer} left join ${orders}"
                + " on o_custkey = c_custkey where c_custkey < 300 group by c_custkey",
        // the greatest string, which each side would judge by its own collation
        "select c_nationkey, max(o_orderpriority), min(o_clerk) from ${customer} left join ${orders}"
                + " on o_custkey = c_custkey group by c_nationkey",
        // the group in another order than the join's fields
        "select count(o_orderkey), c_name, c_custkey from ${customer} left join ${orders} on o_custkey = c_custkey"
                + " where c_custkey < 300 group by c_name, c_custkey",
        // a file source's rows outside, MariaDB's inside
        "select n_name, count(c_custkey), sum(c_acctbal) from ${nation} left join ${customer}"
                + " on c_nationkey = n_nationkey group by n_name",
        // a condition on the outer side: aggregated after the join
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
    void theGreatestStringIsFoundAfterTheJoin() {
        // Each source would pick its greatest by its own collation, and Sluice the greatest of those by code point.
        Ran ran = DependentJoinTest.run(demo.engine(), TpchQueries.substitute("""
                select c_nationkey, max(o_orderpriority) from ${customer}
                left join ${orders} on o_custkey = c_custkey group by c_nationkey""", TpchQueries.DEMO_LAYOUT));

        assertThat(ran.to("sales")).singleElement()
                .satisfies(orders -> assertThat(orders.sql()).doesNotContain("GROUP BY"));
    }

    @Test
    void aJoinWithinOneSourceIsLeftToItsPlanner() {
        Ran ran = DependentJoinTest.run(demo.engine(), TpchQueries.substitute("""
                select o_orderkey, count(l_linenumber) from ${orders} left join ${lineitem} on l_orderkey = o_orderkey
                where o_orderkey < 100 group by o_orderkey""", TpchQueries.DEMO_LAYOUT));

        assertThat(ran.to("sales")).singleElement().satisfies(fragment -> assertThat(fragment.sql())
                .contains(" JOIN ").containsOnlyOnce("GROUP BY"));
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
