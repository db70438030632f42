package io.sluice.gateway.metering;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/** What a {@link MeteredInput}'s compiled code calls: counts, times and charges the rows that pass. */
public final class Metering {
    private Metering() {}

    /**
     * {@code input}, with each row charged {@code rowBytes} to the statement's memory (when
     * positive) and counted and timed for operator {@code operator} (when EXPLAIN ANALYZE asked);
     * {@code started} is when the input's code began to run, which its time includes. With a
     * {@code groupKey}, only a row whose values of those columns were not seen before is charged
     * (the parent aggregates, holding one entry per group).
     */
    public static <T> Enumerable<T> meter(DataContext root, Enumerable<T> input, int operator, long rowBytes,
            String holder, int[] groupKey, long started) {
        StatementMemory memory = rowBytes > 0 && root.get(StatementMemory.DATA_CONTEXT_KEY) instanceof StatementMemory m
                ? m : null;
        OperatorStats stats = operator >= 0 && root.get(OperatorStats.DATA_CONTEXT_KEY) instanceof OperatorStats s
                ? s : null;
        if (memory == null && stats == null) {
            return input;
        }
        if (stats != null) {
            stats.add(operator, 0, System.nanoTime() - started);
        }
        return new AbstractEnumerable<>() {
            /** What the last enumeration charged: a parent that reads its input again holds only the new rows. */
            private long charged;
            private GroupKeys groups;

            @Override
            public Enumerator<T> enumerator() {
                if (charged > 0) {
                    memory.release(charged);
                    charged = 0;
                }
                groups = groupKey.length > 0 && memory != null ? new GroupKeys(groupKey) : null;
                long start = System.nanoTime();
                Enumerator<T> rows = input.enumerator();
                if (stats != null) {
                    stats.add(operator, 0, System.nanoTime() - start);
                }
                return new Enumerator<>() {
                    @Override
                    public T current() {
                        return rows.current();
                    }

                    @Override
                    public boolean moveNext() {
                        long start = stats == null ? 0 : System.nanoTime();
                        boolean more = rows.moveNext();
                        if (stats != null) {
                            stats.add(operator, more ? 1 : 0, System.nanoTime() - start);
                        }
                        if (more && memory != null && (groups == null || groups.isNew(rows.current()))) {
                            memory.reserve(rowBytes, holder);
                            charged += rowBytes;
                        }
                        return more;
                    }

                    @Override
                    public void reset() {
                        rows.reset();
                    }

                    @Override
                    public void close() {
                        rows.close();
                    }
                };
            }
        };
    }
}
