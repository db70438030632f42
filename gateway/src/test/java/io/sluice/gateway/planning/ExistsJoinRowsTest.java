package io.sluice.gateway.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.testing.DemoEngine;
import io.sluice.gateway.testing.DemoEngines;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How many rows the planner expects an EXISTS join to keep, which decides whether keys are sent to it. */
class ExistsJoinRowsTest {
    @RegisterExtension
    static final DemoEngine demo = DemoEngine.of(DemoEngines::config);

    private static final String EXISTS = """
            select l1.l_orderkey from sales.lineitem l1
            where %s (select * from sales.lineitem l2 where l2.l_orderkey = l1.l_orderkey %s)""";

    /** The planned join of {@code type} and the share of its outer side's rows it is expected to keep. */
    private static double keptShare(String sql, JoinRelType type) {
        RelNode plan = demo.engine().plan(sql, SessionContext.localAdmin()).plan();
        RelMetadataQuery mq = plan.getCluster().getMetadataQuery();
        Deque<RelNode> pending = new ArrayDeque<>();
        pending.push(plan);
        while (!pending.isEmpty()) {
            RelNode node = pending.pop();
            if (node instanceof Join join && join.getJoinType() == type) {
                return mq.getRowCount(join) / mq.getRowCount(join.getLeft());
            }
            node.getInputs().forEach(pending::push);
        }
        throw new AssertionError("no " + type + " join in\n" + plan.explain());
    }

    @Test
    void notExistsWithAConditionBeyondItsKeysKeepsRowsWhoseKeyMatches() {
        // Every order key of lineitem is in lineitem: counting the keys alone, Calcite expected
        // the NOT EXISTS to keep 0.06% of the rows. Another supplier on the same order is a
        // further condition a row whose key matches may fail.
        double withRest = keptShare(EXISTS.formatted("not exists", "and l2.l_suppkey <> l1.l_suppkey"),
                JoinRelType.ANTI);
        assertThat(withRest).isGreaterThan(0.25).isLessThan(1);
    }

    @Test
    void existsWithAConditionBeyondItsKeysKeepsFewerRowsThanItsKeysAlone() {
        double withRest = keptShare(EXISTS.formatted("exists", "and l2.l_suppkey <> l1.l_suppkey"),
                JoinRelType.SEMI);
        assertThat(withRest).isGreaterThan(0.25).isLessThan(0.75);
    }
}
