package io.sluice.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;
import org.junit.jupiter.api.Test;

class MeteringTest {
    private static final long MB = 1L << 20;

    /** Just the values a metered input reads from its statement. */
    private record Values(Map<String, Object> values) implements DataContext {
        @Override
        public SchemaPlus getRootSchema() {
            return null;
        }

        @Override
        public JavaTypeFactory getTypeFactory() {
            return null;
        }

        @Override
        public QueryProvider getQueryProvider() {
            return null;
        }

        @Override
        public Object get(String name) {
            return values.get(name);
        }
    }

    private static int drain(Enumerable<?> rows) {
        int n = 0;
        try (Enumerator<?> e = rows.enumerator()) {
            while (e.moveNext()) {
                n++;
            }
        }
        return n;
    }

    @Test
    void rowsAreChargedOnceEvenWhenTheParentReadsThemAgain() {
        StatementMemory memory = new StatementMemory(64 * MB, new StatementMemory.Pool(64 * MB));
        Enumerable<Integer> metered = Metering.meter(new Values(Map.of(StatementMemory.DATA_CONTEXT_KEY, memory)),
                Linq4j.asEnumerable(List.of(1, 2, 3, 4)), -1, 100, "a sort", new int[0], System.nanoTime());

        assertThat(drain(metered)).isEqualTo(4);
        assertThat(memory.used()).isEqualTo(400);
        assertThat(drain(metered)).isEqualTo(4);
        assertThat(memory.used()).isEqualTo(400);
    }

    @Test
    void aggregationInputIsChargedOncePerGroup() {
        StatementMemory memory = new StatementMemory(64 * MB, new StatementMemory.Pool(64 * MB));
        Enumerable<Object[]> metered = Metering.meter(new Values(Map.of(StatementMemory.DATA_CONTEXT_KEY, memory)),
                Linq4j.asEnumerable(List.of(new Object[] {"a", 1}, new Object[] {"b", 1}, new Object[] {"a", 2},
                        new Object[] {"a", 3})), -1, 100, "a hash aggregation", new int[] {0}, System.nanoTime());

        assertThat(drain(metered)).isEqualTo(4);
        assertThat(memory.used()).as("two groups: a and b").isEqualTo(200);
    }

    @Test
    void explainAnalyzeCountsRowsPerOperator() {
        OperatorStats stats = new OperatorStats(2);
        Enumerable<Integer> metered = Metering.meter(new Values(Map.of(OperatorStats.DATA_CONTEXT_KEY, stats)),
                Linq4j.asEnumerable(List.of(1, 2, 3)), 1, 0, "", new int[0], System.nanoTime());

        drain(metered);

        assertThat(stats.rows(1)).isEqualTo(3);
        assertThat(stats.rows(0)).isZero();
        assertThat(stats.millis(1)).isGreaterThanOrEqualTo(0);
    }
}
