package io.sluice.gateway.session;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is asking, and from where. Travels with every statement through planning and execution:
 * the policy engine decides on it, row filters read its attributes, the audit record names it.
 */
public record SessionContext(String user, List<String> groups, Map<String, String> attributes, Client client) {
    /** Where a running statement's data context holds its session (catalog tables read it). */
    public static final String DATA_CONTEXT_KEY = "sluice.session";

    public SessionContext {
        requireNonNull(user, "user is null");
        groups = List.copyOf(groups);
        attributes = Map.copyOf(attributes);
        requireNonNull(client, "client is null");
    }

    /** A session of a local tool (the command line, tests): no network client. */
    public SessionContext(String user, List<String> groups, Map<String, String> attributes) {
        this(user, groups, attributes, Client.LOCAL);
    }

    /** The identity the command-line tools run as when no user is named. */
    public static SessionContext localAdmin() {
        return new SessionContext(System.getProperty("user.name", "sluice"), List.of("admins"), Map.of());
    }

    public SessionContext withClient(Client newClient) {
        return new SessionContext(user, groups, attributes, newClient);
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }

    public Optional<String> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }

    /** Where a session comes from: address, the client's application_name, and the protocol. */
    public record Client(String address, String application, String protocol) {
        public static final Client LOCAL = new Client("local", "sluice", "local");

        public Client {
            requireNonNull(address, "address is null");
            requireNonNull(application, "application is null");
            requireNonNull(protocol, "protocol is null");
        }
    }
}
