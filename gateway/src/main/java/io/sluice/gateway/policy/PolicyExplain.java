package io.sluice.gateway.policy;

import io.sluice.gateway.planning.AccessSummary;
import io.sluice.gateway.planning.PlannedQuery;
import io.sluice.gateway.planning.SourceFragment;
import java.util.ArrayList;
import java.util.List;

/**
 * The dry run of a statement under policy, as lines of text: the decision, each row filter and
 * mask with the rule that added it, the columns the statement reads, and the SQL each source
 * would receive. Built from the plan only; no source is asked for data.
 */
public final class PolicyExplain {
    /** Groups whose members may run {@code EXPLAIN (POLICY)} over the wire. */
    public static final List<String> ALLOWED_GROUPS = List.of("admins", "auditors");

    private PolicyExplain() {}

    public static List<String> allowed(PlannedQuery query) {
        List<String> lines = new ArrayList<>();
        AccessSummary access = query.access();
        access.policy().ifPresentOrElse(policy -> {
            lines.add("Decision: allow (" + policy.decisionId() + ", bundle revision "
                    + shortRevision(policy.revision()) + ")");
            policy.reasons().forEach(r -> lines.add("  reason: " + r));
            if (policy.tables().isEmpty()) {
                lines.add("No row filters or masks apply.");
            }
            for (AccessSummary.TableRules table : policy.tables()) {
                lines.add("Table " + table.table() + ":");
                table.filters().forEach(f -> lines.add("  row filter " + f.what() + "   [rule " + f.rule() + "]"));
                table.masks().forEach(m -> lines.add("  mask " + m.target().orElse("?") + " with " + m.what()
                        + "   [rule " + m.rule() + "]"));
            }
        }, () -> lines.add("No policy decided this statement (no source tables, or policies are off)."));
        for (AccessSummary.TableRead read : access.tables()) {
            lines.add("Reads " + read.key() + " (" + String.join(", ", read.columns()) + ")");
        }
        List<SourceFragment> fragments = query.fragments();
        for (int i = 0; i < fragments.size(); i++) {
            lines.add("Fragment " + (i + 1) + " on " + fragments.get(i).source() + ":");
            fragments.get(i).sql().lines().forEach(l -> lines.add("  " + l));
        }
        return lines;
    }

    public static List<String> denied(String message) {
        return List.of("Decision: deny", "  " + message);
    }

    private static String shortRevision(String revision) {
        return revision.length() > 12 ? revision.substring(0, 12) : revision;
    }
}
