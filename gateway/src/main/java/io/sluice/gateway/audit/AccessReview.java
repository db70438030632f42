package io.sluice.gateway.audit;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.audit.AuditEntry.Statement;
import io.sluice.gateway.audit.AuditRecord.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The access review behind {@code audit unused}: which grants nobody exercised in a window, and
 * which users did not use their access at all. A grant is exercised when a statement that ended
 * {@code ok} in the window, by a user it covers (by name, or through a group recorded with the
 * statement), read a table in its scope. Denied and failed statements exercise nothing.
 */
public final class AccessReview {
    private AccessReview() {}

    /** Who a grant is for. */
    public record Principal(Kind kind, String name) {
        public enum Kind { USER, GROUP }

        public Principal {
            requireNonNull(kind, "kind is null");
            requireNonNull(name, "name is null");
        }

        boolean covers(String user, List<String> groups) {
            return switch (kind) {
                case USER -> name.equals(user);
                case GROUP -> groups.contains(name);
            };
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(Locale.ROOT) + ":" + name;
        }
    }

    /** {@code scope} is {@code source[.schema[.table]]}; each part may use {@code *}. */
    public record Grant(Principal principal, String scope) {
        public Grant {
            requireNonNull(principal, "principal is null");
            requireNonNull(scope, "scope is null");
        }

        boolean covers(String table) {
            String[] want = scope.toLowerCase(Locale.ROOT).split("\\.");
            String[] have = table.toLowerCase(Locale.ROOT).split("\\.");
            if (want.length > have.length) {
                return false;
            }
            for (int i = 0; i < want.length; i++) {
                if (!Pattern.matches(Pattern.quote(want[i]).replace("*", "\\E.*\\Q"), have[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * @param unusedGrants grants no covered user exercised in the window
     * @param idleUsers    users with at least one grant who exercised none of them
     */
    public record Result(Instant since, Instant until, List<Grant> unusedGrants, List<String> idleUsers) {
        public Result {
            unusedGrants = List.copyOf(unusedGrants);
            idleUsers = List.copyOf(idleUsers);
        }
    }

    /**
     * @param knownUsers users and their groups (from the configuration); users seen in the log are
     *                   added with the groups recorded with their latest statement
     */
    public static Result review(List<Grant> grants, Map<String, List<String>> knownUsers, List<Statement> statements,
            Instant since, Instant until) {
        Map<String, List<String>> users = new LinkedHashMap<>(knownUsers);
        Set<Grant> used = new LinkedHashSet<>();
        Set<String> active = new TreeSet<>();
        for (Statement s : statements) {
            AuditRecord r = s.record();
            users.put(r.user(), r.groups());
            if (r.outcome() != Outcome.OK || r.time().isBefore(since) || !r.time().isBefore(until)) {
                continue;
            }
            for (Grant g : grants) {
                if (g.principal().covers(r.user(), r.groups())
                        && r.tables().stream().anyMatch(t -> g.covers(t.table()))) {
                    used.add(g);
                    active.add(r.user());
                }
            }
        }
        grants.stream().filter(g -> g.principal().kind() == Principal.Kind.USER)
                .forEach(g -> users.putIfAbsent(g.principal().name(), List.of()));
        List<Grant> unused = grants.stream().filter(g -> !used.contains(g)).toList();
        List<String> idle = new ArrayList<>();
        new TreeSet<>(users.keySet()).forEach(user -> {
            boolean hasAccess = grants.stream().anyMatch(g -> g.principal().covers(user, users.get(user)));
            if (hasAccess && !active.contains(user)) {
                idle.add(user);
            }
        });
        return new Result(since, until, unused, idle);
    }
}
