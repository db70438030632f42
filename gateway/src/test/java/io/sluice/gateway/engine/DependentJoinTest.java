package io.sluice.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connectors.jdbc.FragmentRun;
import io.sluice.gateway.config.Limits;
import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.testing.DemoEngines;
import io.sluice.gateway.testing.SharedDemoDatabases;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cross-source joins whose small side's keys are sent to the other side's source. Every answer
 * is compared with the same statement on an engine with dependent joins off, and the fragments
 * the sources received show whether the big side was filtered where it lives.
 */
class DependentJoinTest {
    private static final String SELECTIVE = """
            select sum(o.o_totalprice), count(*) from sales.orders o
            join crm.customer c on o.o_custkey = c.c_custkey
            where c.c_nationkey = 3 and c.c_mktsegment = 'BUILDING'""";

    static Engine engine;
    static Engine withFewKeys;
    static Engine off;

    record Ran(List<List<Object>> rows, List<FragmentRun> fragments, List<String> notes) {
        List<FragmentRun> to(String source) {
            return fragments.stream().filter(f -> f.source().equals(source)).toList();
        }
    }

    @BeforeAll
    static void start() {
        var config = DemoEngines.config(SharedDemoDatabases.get());
        engine = Engine.start(config);
        withFewKeys = Engine.start(config.withLimits(Limits.DEFAULTS.withDependentJoinInListKeys(5).withDependentJoinArrayKeys(5))
                .withAudit(DemoEngines.ownAuditLog()));
        off = Engine.start(config.withLimits(Limits.DEFAULTS.withoutDependentJoins())
                .withAudit(DemoEngines.ownAuditLog()));
    }

    @AfterAll
    static void stop() {
        engine.close();
        withFewKeys.close();
        off.close();
    }

    static Ran run(Engine on, String sql) {
        List<List<Object>> rows = new ArrayList<>();
        try (ResultCursor cursor = on.execute(sql, SessionContext.localAdmin())) {
            while (cursor.next()) {
                rows.add(Arrays.asList(cursor.row()));
            }
            return new Ran(rows, cursor.fragments().runs(), cursor.fragments().notes());
        }
    }

    @Test
    void selectiveJoinSendsTheFewCustomerKeysToPostgres() {
        Ran ran = run(engine, SELECTIVE);
        Ran reference = run(off, SELECTIVE);

        assertThat(ran.rows()).isEqualTo(reference.rows());
        assertThat((Long) ran.rows().getFirst().get(1)).isPositive();
        FragmentRun orders = ran.to("sales").getFirst();
        assertThat(orders.sql()).contains("\"o_custkey\" = ANY (?)");
        assertThat(orders.rows()).isEqualTo((Long) ran.rows().getFirst().get(1));
        assertThat(reference.to("sales").getFirst().rows()).isGreaterThan(orders.rows() * 10);
        assertThat(ran.notes()).singleElement().asString()
                .matches("dependent join on o_custkey: \\d+ distinct keys sent to sales in 1 query \\(as an array\\)");
    }

    @Test
    void moreKeysThanTheLimitReadTheOtherSideWhole() {
        Ran ran = run(withFewKeys, SELECTIVE);

        assertThat(ran.rows()).isEqualTo(run(off, SELECTIVE).rows());
        assertThat(ran.to("sales")).singleElement().satisfies(f -> assertThat(f.sql()).doesNotContain("?"));
        assertThat(ran.notes()).singleElement().asString().contains("more than 5").contains("without a key filter");
    }

    @Test
    void noKeysMeansTheOtherSourceIsNotQueried() {
        String sql = """
                select o.o_orderkey from sales.orders o join crm.customer c on o.o_custkey = c.c_custkey
                where c.c_nationkey = 999""";
        Ran ran = run(engine, sql);

        assertThat(ran.rows()).isEmpty();
        assertThat(ran.to("sales")).isEmpty();
        assertThat(ran.notes()).singleElement().asString().contains("no keys; sales not queried");
    }

    @Test
    void allTheKeysGoToPostgresInOneQuery() {
        String sql = """
                select c.c_mktsegment, count(*), sum(o.o_totalprice) from sales.orders o
                join crm.customer c on o.o_custkey = c.c_custkey
                where c.c_acctbal > 0 group by c.c_mktsegment order by 1""";
        Ran ran = run(engine, sql);

        assertThat(ran.rows()).hasSize(5).isEqualTo(run(off, sql).rows());
        assertThat(ran.to("sales")).singleElement()
                .satisfies(f -> assertThat(f.sql()).contains("\"o_custkey\" = ANY (?)"));
        assertThat(ran.notes()).singleElement().asString().matches(".*: \\d{4} distinct keys .* in 1 query .*");
    }

    @Test
    void outerJoinKeepsBuildRowsWithoutAMatch() {
        // About a third of TPC-H customers have no orders; they must come back with nulls.
        String sql = """
                select c.c_custkey, o.o_orderkey from crm.customer c
                left join sales.orders o on o.o_custkey = c.c_custkey
                where c.c_nationkey = 3 order by c.c_custkey, o.o_orderkey""";
        Ran ran = run(engine, sql);
        Ran reference = run(off, sql);

        assertThat(ran.rows()).isEqualTo(reference.rows());
        assertThat(ran.rows()).anySatisfy(r -> assertThat(r.get(1)).isNull());
        assertThat(ran.to("sales").getFirst().sql()).contains("\"o_custkey\" = ANY (?)");
    }

    @Test
    void keysFilterOrdersCountedPerCustomerAtTheSource() {
        // The orders are counted per customer in PostgreSQL (fewer counts than the 5,000 rows a
        // probe side must have), and the count still reads only the selected customers' orders.
        String sql = """
                select c.c_custkey, count(o.o_orderkey) from crm.customer c
                left join sales.orders o on o.o_custkey = c.c_custkey
                where c.c_nationkey = 3 group by c.c_custkey order by c.c_custkey""";
        Ran ran = run(engine, sql);

        assertThat(ran.rows()).isEqualTo(run(off, sql).rows());
        assertThat(ran.rows()).anySatisfy(r -> assertThat(r.get(1)).isEqualTo(0L));
        assertThat(ran.to("sales").getFirst().sql()).contains("GROUP BY").contains("\"o_custkey\" = ANY (?)");
    }

    @Test
    void semiJoinReturnsEachMatchingRowOnce() {
        // Every customer key comes twice from the sub-query; each order must still come back once.
        String sql = """
                select o.o_custkey, o.o_orderkey from sales.orders o
                where o.o_custkey in (select c_custkey from crm.customer where c_nationkey = 3
                                      union all select c_custkey from crm.customer where c_nationkey = 3)
                order by o.o_orderkey""";
        Ran ran = run(engine, sql);

        assertThat(ran.rows()).isNotEmpty().isEqualTo(run(off, sql).rows()).doesNotHaveDuplicates();
        assertThat(ran.to("sales").getFirst().sql()).contains("\"o_custkey\" = ANY (?)");
    }

    @Test
    void sideTheStatisticsShowSmallIsReadWhole() {
        // The urgent orders are a fifth of 15,000 at this scale by PostgreSQL's statistics, under
        // the 5,000 rows a probe side's source must read for a dependent join to pay off (grouped
        // or not: the keys would filter the rows before the grouping).
        // (An IN sub-query would become a semi-join probed with the customer keys instead.)
        String sql = """
                select c.c_custkey, c.c_name, o.orders from crm.customer c
                join (select o_custkey, count(*) as orders from sales.orders where o_orderpriority = '1-URGENT'
                      group by o_custkey) o on o.o_custkey = c.c_custkey
                where c.c_nationkey = 3
                order by c.c_custkey""";
        Ran ran = run(engine, sql);

        assertThat(ran.rows()).isNotEmpty().isEqualTo(run(off, sql).rows());
        assertThat(ran.to("sales")).singleElement().satisfies(f -> {
            assertThat(f.sql()).doesNotContain("?").contains("GROUP BY");
            assertThat(f.rows()).isLessThan(5_000);
        });
    }

    @Test
    void conditionsBeyondTheKeyStillApply() {
        String sql = """
                select count(*), sum(o.o_totalprice), max(c.c_name) from sales.orders o
                join crm.customer c on o.o_custkey = c.c_custkey and o.o_shippriority = c.c_custkey - c.c_custkey
                where c.c_mktsegment = 'MACHINERY' and c.c_acctbal > 9000""";
        Ran ran = run(engine, sql);

        assertThat(ran.rows()).isEqualTo(run(off, sql).rows());
        assertThat((Long) ran.rows().getFirst().getFirst()).isPositive();
        assertThat(ran.to("sales").getFirst().sql()).contains("\"o_custkey\" = ANY (?)");
    }

    @Test
    void semiJoinWithAConditionBeyondTheKeyFiltersItsProbeSideToo() {
        // Only lineitem's columns are selected, so the join is a semi-join; the OR is a condition
        // on both sides that only Calcite's join evaluates. Decorrelated, the EXISTS groups
        // lineitem by part and the OR's two lineitem terms: up to 2,000 x 4 rows at this scale,
        // enough for the grouped side to be worth filtering by key too.
        String sql = """
                select count(*), sum(l.l_extendedprice) from sales.lineitem l
                where exists (select 1 from crm.part p where p.p_partkey = l.l_partkey
                              and (p.p_brand = 'Brand#12' or l.l_quantity > 45 or l.l_discount > 0.09))""";
        Ran ran = run(engine, sql);

        assertThat(ran.rows()).isEqualTo(run(off, sql).rows());
        assertThat((Long) ran.rows().getFirst().getFirst()).isPositive();
        assertThat(ran.to("sales")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.sql()).contains("\"l_partkey\" = ANY (?)"));
        assertThat(run(engine, "explain " + sql).rows().toString()).contains("KeyFilteredProbe");
        assertThat(run(engine, "explain analyze " + sql).rows().toString()).contains("distinct keys sent to sales");
    }

    @Test
    void explainAnalyzeSaysWhatTheDependentJoinDid() {
        Ran explained = run(engine, "explain " + SELECTIVE);
        assertThat(explained.rows().toString()).contains("DependentJoin").contains("probeKey=[o_custkey]");

        Ran analyzed = run(engine, "explain analyze " + SELECTIVE);
        String text = analyzed.rows().toString();
        assertThat(text).contains("distinct keys sent to sales in 1 query");
        long orders = (Long) run(engine, SELECTIVE).rows().getFirst().get(1);
        // Every operator shows what it did: the join returned exactly the orders it counted.
        assertThat(text).containsPattern("DependentJoin\\(.*actual=\\[rows=" + orders + ", [0-9.]+ ms]");
        assertThat(text).containsPattern("EnumerableAggregate\\(.*actual=\\[rows=1, ");
    }
}
