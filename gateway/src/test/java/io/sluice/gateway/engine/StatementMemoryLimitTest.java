package io.sluice.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.gateway.config.Limits;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.testing.DemoEngines;
import io.sluice.gateway.testing.SharedDemoDatabases;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Statements whose sorts and hash tables would hold more than limits.statement_memory fail with
 * 53200 and a message naming what held the rows; the gateway and the next statement carry on.
 */
class StatementMemoryLimitTest {
    static Engine engine;

    @BeforeAll
    static void start() {
        // The demo's 1,500 customers take a few hundred KB in memory; 128 KB holds a few hundred rows.
        engine = Engine.start(DemoEngines.config(SharedDemoDatabases.get())
                .withLimits(Limits.DEFAULTS.withStatementMemory(128L << 10)));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static List<Object[]> rows(String sql) {
        List<Object[]> rows = new ArrayList<>();
        try (ResultCursor cursor = engine.execute(sql, SessionContext.localAdmin())) {
            while (cursor.next()) {
                rows.add(cursor.row());
            }
        }
        return rows;
    }

    @Test
    void sortOverTheLimitFailsWith53200() {
        // ILIKE is PostgreSQL's: MariaDB cannot sort by it, so Sluice sorts.
        assertThatThrownBy(() -> rows("select c_custkey, c_comment from crm.customer order by c_comment ilike '%a%'"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.state().code()).isEqualTo("53200"))
                .hasMessageContaining("limits.statement_memory")
                .hasMessageContaining("a sort");

        assertThat(rows("select c_custkey from crm.customer where c_custkey < 50 order by c_comment ilike '%a%'"))
                .hasSize(49);
    }

    @Test
    void hashJoinBuildSideOverTheLimitFailsWith53200() {
        assertThatThrownBy(() -> rows("""
                select count(*), max(c.c_comment) from sales.orders o
                join crm.customer c on o.o_custkey = c.c_custkey and o.o_totalprice > c.c_acctbal"""))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.state().code()).isEqualTo("53200"))
                .hasMessageContaining("the build side of");
    }

    @Test
    void hashAggregationIsChargedPerGroupNotPerRow() {
        // 16,500 rows from two sources, grouped in Sluice: 15,000 groups (about 1.5 MB) do not fit
        // in 128 KB, 10 groups of the same rows do.
        String union = "(select o_orderkey as k from sales.orders union all select c_custkey from crm.customer) t";
        assertThatThrownBy(() -> rows("select k, count(*) from " + union + " group by k"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.state().code()).isEqualTo("53200"))
                .hasMessageContaining("a hash aggregation");

        assertThat(rows("select mod(k, 10), count(*) from " + union + " group by mod(k, 10)")).hasSize(10);
    }

    @Test
    void smallStatementsRunAfterOneFailed() {
        assertThatThrownBy(() -> rows("select c_custkey, c_comment from crm.customer order by c_comment ilike '%e%'"))
                .isInstanceOf(SluiceException.class);
        for (int i = 0; i < 5; i++) {
            assertThat(rows("select c_name from crm.customer where c_custkey < 50 order by c_name ilike '%1%'"))
                    .hasSize(49);
        }
    }
}
