package io.sluice.gateway.planning;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What a planned statement reads and which policy shaped it: the tables and the columns the
 * user's own SQL reads (not columns used only inside a mask or row filter), and, when policies
 * are on, the decision and every filter and mask it applied with the rule behind it. The audit
 * record and {@code EXPLAIN (POLICY)} are written from this.
 */
public record AccessSummary(List<TableRead> tables, Optional<PolicyApplied> policy) {
    public AccessSummary {
        tables = List.copyOf(tables);
        requireNonNull(policy, "policy is null");
    }

    /** Policies are off: nothing was decided. */
    public static AccessSummary unchecked(List<TableRead> tables) {
        return new AccessSummary(tables, Optional.empty());
    }

    /** A source or {@code sys} table and the columns read from it, in table order. */
    public record TableRead(String source, String schema, String table, List<String> columns) {
        public TableRead {
            requireNonNull(source, "source is null");
            requireNonNull(schema, "schema is null");
            requireNonNull(table, "table is null");
            columns = List.copyOf(columns);
        }

        public String key() {
            return source + "." + schema + "." + table;
        }
    }

    public record PolicyApplied(String decisionId, String revision, List<String> reasons, List<TableRules> tables) {
        public PolicyApplied {
            requireNonNull(decisionId, "decisionId is null");
            requireNonNull(revision, "revision is null");
            reasons = List.copyOf(reasons);
            tables = List.copyOf(tables);
        }
    }

    /** The row filters and column masks applied to one table. */
    public record TableRules(String table, List<Applied> filters, List<Applied> masks) {
        public TableRules {
            requireNonNull(table, "table is null");
            filters = List.copyOf(filters);
            masks = List.copyOf(masks);
        }
    }

    /**
     * @param target the masked column, or empty for a row filter
     * @param what   the filter's SQL as applied, or the mask's name
     */
    public record Applied(String rule, Optional<String> target, String what) {
        public Applied {
            requireNonNull(rule, "rule is null");
            requireNonNull(target, "target is null");
            requireNonNull(what, "what is null");
        }
    }
}
