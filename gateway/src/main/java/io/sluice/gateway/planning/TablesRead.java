package io.sluice.gateway.planning;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.tools.RelBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which policy tables (source and {@code sys} tables) a logical plan scans and which of their
 * columns it needs. Calcite's field trimmer does the work: on a trimmed copy every scan whose
 * columns are not all needed sits under a projection naming exactly the needed ones
 * ({@code count(*)} needs none), and an aggregate straight over a scan names the columns it groups
 * and aggregates. Runs on the plan as the user wrote it, before policy rewriting,
 * so mask and filter columns do not count. If the trimmer cannot handle a plan, or drops a scan
 * whose rows it proves empty, every column of that table counts as read — the safe answer for
 * denied columns.
 */
final class TablesRead {
    private static final Logger LOG = LoggerFactory.getLogger(TablesRead.class);

    private TablesRead() {}

    static List<AccessSummary.TableRead> of(RelNode plan, RelBuilder relBuilder) {
        Map<PolicyTable, BitSet> used = new LinkedHashMap<>();
        RelNode trimmed;
        try {
            trimmed = new RelFieldTrimmer(null, relBuilder).trim(plan);
        } catch (RuntimeException | AssertionError e) {
            LOG.debug("Field trimming failed, counting every column as read: {}", e.toString());
            trimmed = null;
        }
        if (trimmed != null) {
            collect(trimmed, null, used);
        }
        // A scan the trimmed plan lost (its filter is always false, e.g. `col IS NULL` on a NOT
        // NULL column) still counts, with every column: the statement named them.
        Map<PolicyTable, BitSet> all = new LinkedHashMap<>();
        collectAll(plan, all);
        all.forEach(used::putIfAbsent);
        List<AccessSummary.TableRead> result = new ArrayList<>();
        for (var e : used.entrySet()) {
            PolicyTable table = e.getKey();
            List<String> names = table.columnNames();
            List<String> columns = new ArrayList<>();
            e.getValue().stream().forEach(i -> columns.add(names.get(i)));
            result.add(new AccessSummary.TableRead(table.source(), table.schema(), table.name(), columns));
        }
        return result;
    }

    private static void collect(RelNode node, RelNode parent, Map<PolicyTable, BitSet> used) {
        if (node instanceof TableScan scan) {
            PolicyTable.of(scan).ifPresent(table -> {
                BitSet columns = used.computeIfAbsent(table, t -> new BitSet());
                if (parent instanceof Project project) {
                    columns.or(inputRefs(project.getProjects()));
                } else if (parent instanceof Aggregate aggregate) {
                    columns.or(aggregated(aggregate));
                } else {
                    columns.set(0, scan.getRowType().getFieldCount());
                }
            });
            return;
        }
        for (RelNode input : node.getInputs()) {
            collect(input, node, used);
        }
    }

    private static void collectAll(RelNode node, Map<PolicyTable, BitSet> used) {
        if (node instanceof TableScan scan) {
            PolicyTable.of(scan).ifPresent(table ->
                    used.computeIfAbsent(table, t -> new BitSet()).set(0, scan.getRowType().getFieldCount()));
        }
        node.getInputs().forEach(input -> collectAll(input, used));
    }

    /** An aggregate straight over a scan reads its grouping keys and its calls' arguments only. */
    private static BitSet aggregated(Aggregate aggregate) {
        BitSet columns = aggregate.getGroupSet().toBitSet();
        for (AggregateCall call : aggregate.getAggCallList()) {
            call.getArgList().forEach(columns::set);
            if (call.filterArg >= 0) {
                columns.set(call.filterArg);
            }
            call.getCollation().getFieldCollations().forEach(f -> columns.set(f.getFieldIndex()));
            call.rexList.forEach(e -> columns.or(inputRefs(List.of(e))));
        }
        return columns;
    }

    private static BitSet inputRefs(List<RexNode> expressions) {
        BitSet refs = new BitSet();
        RexVisitorImpl<Void> visitor = new RexVisitorImpl<>(true) {
            @Override
            public Void visitInputRef(RexInputRef ref) {
                refs.set(ref.getIndex());
                return null;
            }
        };
        expressions.forEach(e -> e.accept(visitor));
        return refs;
    }
}
