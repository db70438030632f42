package io.sluice.policies.decision;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a policy is asked about one statement: who, from where, which statement, and every table
 * it touches with all their columns and tags — in one input, so a statement costs one decision
 * whatever its number of tables and columns. The JSON shape is the contract in DESIGN.md and is
 * the same for the embedded engine and OPA.
 */
public record DecisionInput(Action action, User user, Client client, Query query, List<Resource> resources) {
    public DecisionInput {
        requireNonNull(action, "action is null");
        requireNonNull(user, "user is null");
        requireNonNull(client, "client is null");
        requireNonNull(query, "query is null");
        resources = List.copyOf(resources);
    }

    public enum Action {
        SELECT;

        String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record User(String name, List<String> groups, Map<String, String> attributes) {
        public User {
            requireNonNull(name, "name is null");
            groups = List.copyOf(groups);
            attributes = Map.copyOf(attributes);
        }
    }

    public record Client(String address, String application, String protocol) {
        public Client {
            requireNonNull(address, "address is null");
            requireNonNull(application, "application is null");
            requireNonNull(protocol, "protocol is null");
        }
    }

    public record Query(String id, String sql, String kind) {
        public Query {
            requireNonNull(id, "id is null");
            requireNonNull(sql, "sql is null");
            requireNonNull(kind, "kind is null");
        }
    }

    /** A table the statement touches, named as the catalog names it. */
    public record Resource(String source, String schema, String table, List<String> tags, List<Column> columns) {
        public Resource {
            requireNonNull(source, "source is null");
            requireNonNull(schema, "schema is null");
            requireNonNull(table, "table is null");
            tags = List.copyOf(tags);
            columns = List.copyOf(columns);
        }

        /** The key of this table in a decision's {@code tables}: {@code source.schema.table}. */
        public String key() {
            return source + "." + schema + "." + table;
        }
    }

    public record Column(String name, String type, List<String> tags) {
        public Column {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            tags = List.copyOf(tags);
        }
    }

    /** The same input for another set of tables (used to ask about one table for catalog listings). */
    public DecisionInput withResources(List<Resource> newResources) {
        return new DecisionInput(action, user, client, query, newResources);
    }

    public JsonNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("action", action.json());
        ObjectNode u = root.putObject("user");
        u.put("name", user.name());
        user.groups().forEach(u.putArray("groups")::add);
        ObjectNode attributes = u.putObject("attributes");
        new TreeMap<>(user.attributes()).forEach(attributes::put);
        root.putObject("client")
                .put("address", client.address())
                .put("application", client.application())
                .put("protocol", client.protocol());
        root.putObject("query").put("id", query.id()).put("sql", query.sql()).put("kind", query.kind());
        ArrayNode rs = root.putArray("resources");
        for (Resource r : resources) {
            ObjectNode o = rs.addObject();
            o.put("source", r.source()).put("schema", r.schema()).put("table", r.table());
            r.tags().forEach(o.putArray("tags")::add);
            ArrayNode cols = o.putArray("columns");
            for (Column c : r.columns()) {
                ObjectNode co = cols.addObject();
                co.put("name", c.name()).put("type", c.type());
                c.tags().forEach(co.putArray("tags")::add);
            }
        }
        return root;
    }
}
