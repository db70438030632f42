package io.sluice.policies.decision;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A policy's answer for one statement: whether it may run, and for each table the row filters,
 * column masks and denied columns that apply. Only {@code allow == true} lets a statement run;
 * everything else (an undefined decision, an engine error) is turned into a denial before a
 * {@code Decision} is ever built.
 *
 * @param id          identifies this decision in audit records
 * @param revision    the bundle revision that produced it
 * @param reasons     the policy's reasons, for the audit record (and the error when denied)
 * @param denials     what was denied and by which rule; shown to the user when {@code allow} is false
 * @param tables      per {@code source.schema.table}; a table without an entry is unrestricted
 */
public record Decision(String id, String revision, boolean allow, List<String> reasons, List<Denial> denials,
        Map<String, TableDecision> tables) {
    public Decision {
        requireNonNull(id, "id is null");
        requireNonNull(revision, "revision is null");
        reasons = List.copyOf(reasons);
        denials = List.copyOf(denials);
        tables = Map.copyOf(tables);
    }

    public TableDecision table(String key) {
        return tables.getOrDefault(key, TableDecision.UNRESTRICTED);
    }

    public Decision withId(String newId) {
        return new Decision(newId, revision, allow, reasons, denials, tables);
    }

    /** One thing a policy refused: a table, or a column of it, and the rule that said so. */
    public record Denial(String rule, Optional<String> table, Optional<String> column, String message) {
        public Denial {
            requireNonNull(rule, "rule is null");
            requireNonNull(table, "table is null");
            requireNonNull(column, "column is null");
            requireNonNull(message, "message is null");
        }
    }

    public record TableDecision(List<RowFilter> rowFilters, Map<String, ColumnMask> columnMasks,
            Map<String, Denial> deniedColumns) {
        public static final TableDecision UNRESTRICTED = new TableDecision(List.of(), Map.of(), Map.of());

        public TableDecision {
            rowFilters = List.copyOf(rowFilters);
            columnMasks = Map.copyOf(columnMasks);
            deniedColumns = Map.copyOf(deniedColumns);
        }

        /** The mask of a column; names match exactly, or else ignoring case (sources differ in case). */
        public Optional<ColumnMask> mask(String column) {
            return byColumn(columnMasks, column);
        }

        /** Why a column is denied, if it is; matched like {@link #mask}. */
        public Optional<Denial> deniedColumn(String column) {
            return byColumn(deniedColumns, column);
        }

        private static <T> Optional<T> byColumn(Map<String, T> byColumn, String column) {
            T exact = byColumn.get(column);
            if (exact != null) {
                return Optional.of(exact);
            }
            return byColumn.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column))
                    .map(Map.Entry::getValue).findFirst();
        }

        public boolean unrestricted() {
            return rowFilters.isEmpty() && deniedColumns.isEmpty()
                    && columnMasks.values().stream().allMatch(m -> m.mask() instanceof Mask.None);
        }
    }

    /** A SQL boolean expression over the table's own columns; several on one table are ANDed. */
    public record RowFilter(String expression, String rule) {
        public RowFilter {
            requireNonNull(expression, "expression is null");
            requireNonNull(rule, "rule is null");
        }
    }

    public record ColumnMask(Mask mask, String rule) {
        public ColumnMask {
            requireNonNull(mask, "mask is null");
            requireNonNull(rule, "rule is null");
        }
    }
}
