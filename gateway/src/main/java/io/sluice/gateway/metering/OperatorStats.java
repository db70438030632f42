package io.sluice.gateway.metering;

/**
 * Rows and time of every operator of one EXPLAIN ANALYZE run, by the number
 * {@link MeteredInput#meterEveryOperator} gave the operator. Time is inclusive: what the
 * operator and everything under it spent producing its rows, as the consumer pulled them.
 */
public final class OperatorStats {
    /** Where a running statement's data context holds the statistics to fill. */
    public static final String DATA_CONTEXT_KEY = "sluice.operatorStats";

    private final long[] rows;
    private final long[] nanos;

    public OperatorStats(int operators) {
        rows = new long[operators];
        nanos = new long[operators];
    }

    void add(int operator, long moreRows, long moreNanos) {
        rows[operator] += moreRows;
        nanos[operator] += moreNanos;
    }

    public long rows(int operator) {
        return rows[operator];
    }

    public double millis(int operator) {
        return nanos[operator] / 1e6;
    }
}
