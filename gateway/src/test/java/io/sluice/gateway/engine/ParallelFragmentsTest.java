package io.sluice.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.sluice.connectors.jdbc.FragmentRun;
import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.testing.DemoEngine;
import io.sluice.gateway.testing.DemoEngines;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Independent fragments of one statement are sent when it starts, over the demo databases
 * (orders in PostgreSQL, customer in MariaDB), and each is still run exactly once.
 */
class ParallelFragmentsTest {
    @RegisterExtension
    static final DemoEngine demo = DemoEngine.of(DemoEngines::config);

    private static int connectionsInUse(String source) throws SQLException {
        return demo.engine().catalog().sources().get(source).orElseThrow().dataSource().pool()
                .unwrap(HikariDataSource.class).getHikariPoolMXBean().getActiveConnections();
    }

    @Test
    void bothSidesOfAJoinAreSentAtTheStartAndReadOnce() throws SQLException {
        // Grouped by customer the orders side is small, so no dependent join filters it: both
        // fragments are independent.
        String sql = """
                select c.c_mktsegment, sum(o.n) from crm.customer c
                join (select o_custkey, count(*) as n from sales.orders group by o_custkey) o
                  on o.o_custkey = c.c_custkey
                group by c.c_mktsegment order by 1""";
        List<List<Object>> rows = new ArrayList<>();
        List<FragmentRun> runs;
        List<String> notes;
        try (ResultCursor cursor = demo.engine().execute(sql, SessionContext.localAdmin())) {
            while (cursor.next()) {
                rows.add(Arrays.asList(cursor.row()));
            }
            runs = cursor.fragments().runs();
            notes = cursor.fragments().notes();
        }

        assertThat(rows).hasSize(5);
        assertThat(rows.stream().mapToLong(r -> ((Number) r.get(1)).longValue()).sum())
                .as("every order counted once").isEqualTo(15_000);
        assertThat(runs).hasSize(2).allSatisfy(run -> {
            assertThat(run.sentAhead()).isTrue();
            assertThat(run.finished()).isTrue();
            assertThat(run.rows()).isPositive();
        });
        assertThat(notes).contains("2 of 2 independent fragments sent when the statement started");
        assertThat(connectionsInUse("sales")).isZero();
        assertThat(connectionsInUse("crm")).isZero();
    }

    @Test
    void fragmentSentAheadButNeverReadIsCancelledAndItsConnectionReturned() throws Exception {
        // The limit is met from the first branch; the second branch's query was sent but is never read.
        String sql = """
                select * from (select o_orderkey as k from sales.orders
                               union all select c_custkey as k from crm.customer) t limit 3""";
        List<FragmentRun> runs;
        try (ResultCursor cursor = demo.engine().execute(sql, SessionContext.localAdmin())) {
            for (int i = 0; i < 3; i++) {
                assertThat(cursor.next()).isTrue();
            }
            // Each query is sent on a virtual thread of its own; on a busy machine the second may
            // not have reached its source yet.
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
            while (cursor.fragments().runs().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            runs = cursor.fragments().runs();
        }

        assertThat(runs).extracting(FragmentRun::source).containsExactlyInAnyOrder("sales", "crm");
        assertThat(runs).allSatisfy(run -> assertThat(run.sentAhead()).isTrue());
        assertThat(connectionsInUse("sales")).isZero();
        assertThat(connectionsInUse("crm")).isZero();
        try (ResultCursor next = demo.engine().execute("select count(*) from crm.customer", SessionContext.localAdmin())) {
            assertThat(next.next()).isTrue();
            assertThat(((Number) next.row()[0]).longValue()).isEqualTo(1_500);
        }
    }

    @Test
    void singleFragmentStatementIsNotSentAhead() {
        try (ResultCursor cursor = demo.engine().execute("select o_totalprice from sales.orders where o_orderkey = 1",
                SessionContext.localAdmin())) {
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.next()).isFalse();
            assertThat(cursor.fragments().runs()).singleElement()
                    .satisfies(run -> assertThat(run.sentAhead()).isFalse());
        }
    }
}
