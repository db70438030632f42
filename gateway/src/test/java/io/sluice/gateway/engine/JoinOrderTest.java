package io.sluice.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connectors.catalog.SourceTable;
import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.planning.PlannedQuery;
import io.sluice.gateway.planning.SourceFragment;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.testing.DemoEngine;
import io.sluice.gateway.testing.DemoEngines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.apache.calcite.rel.RelNode;

/**
 * Join order from the sources' statistics, over the demo databases (TPC-H at scale factor 0.01:
 * orders and lineitem in PostgreSQL, customer, supplier and part in MariaDB). The answers of
 * TPC-H queries are checked by {@link TpchCorrectnessTest}; this checks the estimates and plans.
 */
class JoinOrderTest {
    @RegisterExtension
    static final DemoEngine demo = DemoEngine.of(DemoEngines::config);

    private static SourceTable table(String source, String name) {
        return (SourceTable) demo.engine().catalog().sources().get(source).orElseThrow().schema().tables().get(name);
    }

    @Test
    void distinctValuesComeFromEachSourcesStatistics() {
        // MariaDB: the cardinality of the index on c_nationkey; PostgreSQL: pg_stats.n_distinct.
        assertThat(table("crm", "customer").distinctValues("c_nationkey").orElseThrow()).isBetween(20d, 30d);
        assertThat(table("sales", "orders").distinctValues("o_custkey").orElseThrow()).isBetween(800d, 1_200d);
        assertThat(table("sales", "lineitem").distinctValues("l_returnflag").orElseThrow()).isEqualTo(3d);
        assertThat(table("crm", "customer").distinctValues("c_comment"))
                .as("MariaDB has no estimate for a column without an index").isEmpty();
    }

    private static double estimatedRows(String sql) {
        PlannedQuery planned = demo.engine().plan(sql, SessionContext.localAdmin());
        RelNode top = planned.plan();
        return top.getCluster().getMetadataQuery().getRowCount(top);
    }

    @Test
    void joinEstimatesUseTheDistinctValuesOfTheJoinedColumns() {
        // 1,500 customers x 100 suppliers over 25 nations: 6,000 rows (a fixed 15% would say 22,500).
        assertThat(estimatedRows("select c.c_name, s.s_name from crm.customer c join crm.supplier s"
                + " on c.c_nationkey = s.s_nationkey")).isBetween(5_000d, 7_500d);
        // Every order has one customer: 15,000 rows (a fixed 15% would say 3.4 million).
        assertThat(estimatedRows("select o.o_orderkey, c.c_name from sales.orders o join crm.customer c"
                + " on o.o_custkey = c.c_custkey")).isBetween(12_000d, 18_000d);
    }

    /**
     * Customer and supplier share only a nation key: joined first they make 6,000 rows here and 60
     * million at scale factor 1, which Calcite's bushy orderer (one fixed selectivity for every
     * join) pushed into MariaDB because both tables are there. Here one order picks one
     * customer, so the customer's suppliers are 4 rows.
     */
    @Test
    void manyToManyJoinWaitsUntilTheOtherTablesHaveFilteredBothSides() {
        String sql = """
                select count(*) from sales.orders o, crm.customer c, crm.supplier s
                where c.c_custkey = o.o_custkey and c.c_nationkey = s.s_nationkey and o.o_orderkey = 1""";
        PlannedQuery planned = demo.engine().plan(sql, SessionContext.localAdmin());

        assertThat(planned.fragments()).map(SourceFragment::sql)
                .noneMatch(f -> f.contains("`customer`") && f.contains("`supplier`"));
        try (ResultCursor cursor = demo.engine().execute(sql, SessionContext.localAdmin())) {
            assertThat(cursor.next()).isTrue();
            assertThat((Long) cursor.row()[0]).isBetween(1L, 20L);
        }
    }
}
