package io.sluice.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.gateway.config.Limits;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.testing.DemoEngines;
import io.sluice.gateway.testing.PostgresActivity;
import io.sluice.gateway.testing.SharedDemoDatabases;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * limits.statement_timeout bounds the whole statement: the work Sluice does in memory as well as
 * the queries its sources run. Each statement here would run for hours; only the limit ends it.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StatementTimeoutLimitTest {
    static Engine engine;

    @BeforeAll
    static void start() {
        engine = Engine.start(DemoEngines.config(SharedDemoDatabases.get())
                .withLimits(Limits.DEFAULTS.withStatementTimeout(Duration.ofSeconds(1))));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static long count(String sql) {
        try (ResultCursor cursor = engine.execute(sql, SessionContext.localAdmin())) {
            cursor.next();
            return (Long) cursor.row()[0];
        }
    }

    static String plan(String sql) {
        StringBuilder plan = new StringBuilder();
        try (ResultCursor cursor = engine.execute("explain " + sql, SessionContext.localAdmin())) {
            while (cursor.next()) {
                plan.append(cursor.row()[0]).append('\n');
            }
        }
        return plan.toString();
    }

    @Test
    void aNestedLoopInSluiceStopsAtTheLimit() {
        String sql = """
                select count(*) from sales.lineitem a, sales.lineitem b, sales.lineitem c
                where a.l_quantity + b.l_quantity + c.l_quantity > 0""";
        assertThat(plan(sql)).contains("EnumerableNestedLoopJoin");
        assertThatThrownBy(() -> count(sql))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.state().code()).isEqualTo("57014"))
                .hasMessage("canceling statement due to statement timeout (limits.statement_timeout: 1s)");

        assertThat(count("select count(*) from crm.customer")).as("the engine carries on").isPositive();
    }

    @Test
    void aStatementPostgresRunsWholeIsCancelledThereAtTheLimit() throws Exception {
        // One PostgreSQL fragment, forwarded: 60,000 x 60,000 line items, joined on a column with 50 values.
        String sql = """
                select count(*) from sales.lineitem a join sales.lineitem b on a.l_quantity = b.l_quantity
                join sales.lineitem c on c.l_quantity = b.l_quantity""";
        assertThat(plan(sql)).contains("Rows forwarded from sales");
        assertThatThrownBy(() -> count(sql))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.state().code()).isEqualTo("57014"))
                .hasMessageContaining("statement timeout");

        assertThat(PostgresActivity.activeQueriesContaining("lineitem", Duration.ofSeconds(10)))
                .as("the source's query is cancelled, not left running").isZero();
    }
}
