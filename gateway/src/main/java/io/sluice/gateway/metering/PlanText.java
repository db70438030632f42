package io.sluice.gateway.metering;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.externalize.RelWriterImpl;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.util.Pair;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A physical plan as EXPLAIN shows it: one operator a line, {@link MeteredInput} nodes left out,
 * and after EXPLAIN ANALYZE each operator's actual rows and inclusive time.
 */
public final class PlanText {
    private PlanText() {}

    public static String of(RelNode plan) {
        return write(plan, null);
    }

    /** With the rows and time {@code stats} recorded for the operators of a plan from {@link MeteredInput#meterEveryOperator}. */
    public static String of(RelNode plan, OperatorStats stats) {
        return write(plan, stats);
    }

    private static String write(RelNode plan, @Nullable OperatorStats stats) {
        StringWriter text = new StringWriter();
        plan.explain(new RelWriterImpl(new PrintWriter(text), SqlExplainLevel.EXPPLAN_ATTRIBUTES, false) {
            private int pending = -1;

            @Override
            protected void explain_(RelNode rel, List<Pair<String, @Nullable Object>> values) {
                if (rel instanceof MeteredInput metered) {
                    if (metered.operator() >= 0) {
                        pending = metered.operator();
                    }
                    metered.getInput().explain(this);
                    return;
                }
                List<Pair<String, @Nullable Object>> shown = values;
                if (stats != null && pending >= 0) {
                    shown = new ArrayList<>(values);
                    shown.add(Pair.of("actual", String.format(Locale.ROOT, "rows=%d, %.1f ms", stats.rows(pending),
                            stats.millis(pending))));
                }
                pending = -1;
                super.explain_(rel, shown);
            }
        });
        return text.toString();
    }
}
