package io.sluice.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.testing.DemoEngine;
import io.sluice.gateway.testing.DemoEngines;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Window functions, scalar and empty sub-queries and set operations over each kind of source
 * (PostgreSQL: orders, lineitem; MariaDB: customer; files: nation, region) and across them,
 * answered as one PostgreSQL database holding all the tables answers them. These shapes once
 * failed in the planner for every user: windows over PostgreSQL tables, a scalar sub-query in a
 * SELECT without FROM, and a sub-query the planner proves empty.
 */
class QueryShapesTest {
    @RegisterExtension
    static final DemoEngine demo = DemoEngine.of(DemoEngines::config);

    @ParameterizedTest
    @ValueSource(strings = {
        // windows in each source, and over a join across two
        "select o_orderkey, row_number() over (order by o_totalprice desc, o_orderkey) from ${orders}"
                + " where o_orderkey < 200",
        "select o_orderkey, max(o_clerk) over (), count(*) over (partition by o_orderstatus) from ${orders}"
                + " where o_orderkey < 300",
        "select l_orderkey, l_linenumber, lag(l_quantity) over (partition by l_orderkey order by l_linenumber),"
                + " sum(l_quantity) over (partition by l_orderkey order by l_linenumber rows between 1 preceding"
                + " and current row) from ${lineitem} where l_orderkey < 40",
        "select c_custkey, rank() over (partition by c_nationkey order by c_acctbal desc, c_custkey) from ${customer}"
                + " where c_custkey < 100",
        "select n_name, count(*) over (partition by n_regionkey), row_number() over (order by n_nationkey)"
                + " from ${nation}",
        "select o.o_orderkey, count(*) over (partition by c.c_nationkey) from ${orders} o"
                + " join ${customer} c on c.c_custkey = o.o_custkey where o.o_orderkey < 100",
        // aggregates over windows, windows over aggregates, filters over windows
        "select distinct count(*) over (partition by o_orderstatus) from ${orders}",
        "select distinct count(*) over (partition by c_mktsegment) from ${customer}",
        "select distinct count(*) over (partition by n_regionkey) from ${nation}",
        "select rn % 3, count(*) from (select row_number() over (order by o_orderkey) as rn from ${orders}) t"
                + " group by rn % 3",
        "select o_orderstatus, count(*), sum(count(*)) over () from ${orders} group by o_orderstatus",
        "select o_orderkey, o_custkey from (select o_orderkey, o_custkey, row_number() over (partition by o_custkey"
                + " order by o_orderkey) as rn from ${orders}) t where rn = 1 and o_custkey < 50",
        // scalar sub-queries, with and without FROM
        "select (select count(*) from ${orders} where o_orderstatus = 'F')",
        "select (select count(*) from ${customer}), (select count(*) from ${nation}), 1",
        "select (select count(*) from ${orders} where 1 = 0)",
        "select r_name, (select count(*) from ${nation} n where n.n_regionkey = r.r_regionkey) from ${region} r",
        // sub-queries the planner proves empty
        "select count(*) from ${orders} where o_orderkey = (select max(o_orderkey) from ${orders} where 1 = 0)",
        "select count(*) from ${customer} where c_custkey = (select max(c_custkey) from ${customer} where 1 = 0)",
        "select count(*) from ${nation} where n_nationkey = (select max(n_nationkey) from ${nation} where 1 = 0)",
        "select count(*) from ${orders} where o_custkey in (select c_custkey from ${customer} where 1 = 0)",
        "select o_orderkey from ${orders} where o_orderkey < 5 union all select c_custkey from ${customer}"
                + " where 1 = 0",
        // literal rows with NULLs next to a source's rows
        "select o.o_orderkey, t.y from ${orders} o join (values (1, cast(null as varchar)), (2, 'b')) t(x, y)"
                + " on t.x = o.o_orderkey",
        "select o.o_orderkey from ${orders} o join (select cast(null as integer) as x union all select 1) t"
                + " on t.x = o.o_orderkey",
        // set operations within and across sources
        "select o_custkey from ${orders} where o_orderkey < 100 intersect select c_custkey from ${customer}"
                + " where c_nationkey < 10",
        "select c_custkey from ${customer} where c_custkey < 50 except select o_custkey from ${orders}",
        "select n_nationkey from ${nation} union select c_nationkey from ${customer}",
        "select r_name from ${region} union all select n_name from ${nation} where n_regionkey = 1",
        // a sub-query fetched once per execution beside a recursive query's working table, read anew each step
        "with recursive r(n) as (select min(o_orderkey) from ${orders} union all select n + 1 from r"
                + " where n < (select min(c_custkey) from ${customer}) + 20) select n from r",
        "select o_orderkey from ${orders} where o_orderkey < 50 and o_custkey > all"
                + " (select c_custkey from ${customer} where c_nationkey = 999)",
    })
    void answersAsOneDatabaseDoes(String template) throws Exception {
        assertThat(TpchCorrectnessTest.differenceFromOneDatabase(demo.engine(), template))
                .as("difference from the single-database answer").isEmpty();
    }
}
