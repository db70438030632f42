package io.sluice.gateway.session;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is asking. Travels with every statement through planning and execution: the policy
 * engine decides on it, row filters read its attributes, the audit record names it.
 */
public record SessionContext(String user, List<String> groups, Map<String, String> attributes) {
    public SessionContext {
        requireNonNull(user, "user is null");
        groups = List.copyOf(groups);
        attributes = Map.copyOf(attributes);
    }

    /** The identity the command-line tools run as when no user is named. */
    public static SessionContext localAdmin() {
        return new SessionContext(System.getProperty("user.name", "sluice"), List.of("admins"), Map.of());
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }

    public Optional<String> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }
}
