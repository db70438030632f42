package io.sluice.gateway.planning;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.metering.OperatorStats;
import io.sluice.gateway.metering.PlanText;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.schema.SchemaPlus;

/**
 * A statement planned and compiled, ready to run any number of times: the physical plan, the
 * compiled code that runs it, and the SQL each source will receive.
 *
 * @param parameters         one entry per {@code ?} placeholder, typed as the validator inferred it
 * @param internalParameters values the compiled code reads from its data context at run time
 * @param access             the tables and columns read, and the policy that shaped the plan
 */
public record PlannedQuery(
        String sql,
        List<ResultColumn> columns,
        List<ResultColumn> parameters,
        EnumerableRel plan,
        Bindable<?> bindable,
        Map<String, Object> internalParameters,
        List<SourceFragment> fragments,
        SchemaPlus root,
        AccessSummary access) {

    public PlannedQuery {
        requireNonNull(sql, "sql is null");
        columns = List.copyOf(columns);
        parameters = List.copyOf(parameters);
        requireNonNull(plan, "plan is null");
        requireNonNull(bindable, "bindable is null");
        internalParameters = Map.copyOf(internalParameters);
        fragments = List.copyOf(fragments);
        requireNonNull(root, "root is null");
        requireNonNull(access, "access is null");
    }

    /** The plan as EXPLAIN shows it: operators, then the SQL of every source fragment. */
    public String explain() {
        return withFragments(PlanText.of(plan));
    }

    /** As {@link #explain()}, each operator with what it did in a run that filled {@code stats}. */
    public String explain(OperatorStats stats) {
        return withFragments(PlanText.of(plan, stats));
    }

    private String withFragments(String planText) {
        StringBuilder text = new StringBuilder(planText);
        for (int i = 0; i < fragments.size(); i++) {
            SourceFragment fragment = fragments.get(i);
            text.append("Fragment ").append(i + 1).append(" on ").append(fragment.source()).append(":\n  ")
                    .append(fragment.sql().replace("\n", "\n  ")).append('\n');
        }
        return text.toString();
    }
}
