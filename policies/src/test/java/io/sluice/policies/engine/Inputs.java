package io.sluice.policies.engine;

import io.sluice.policies.decision.DecisionInput;
import io.sluice.policies.decision.DecisionInput.Column;
import io.sluice.policies.decision.DecisionInput.Resource;
import io.sluice.policies.decision.DecisionInput.User;
import java.util.List;
import java.util.Map;

/** Short builders for decision inputs in tests. */
final class Inputs {
    private Inputs() {}

    static User user(String name, List<String> groups, Map<String, String> attributes) {
        return new User(name, groups, attributes);
    }

    static User user(String name, String... groups) {
        return new User(name, List.of(groups), Map.of());
    }

    static Column column(String name, String... tags) {
        return new Column(name, "VARCHAR", List.of(tags));
    }

    static Resource table(String key, List<String> tags, Column... columns) {
        String[] parts = key.split("\\.");
        return new Resource(parts[0], parts[1], parts[2], tags, List.of(columns));
    }

    static Resource table(String key, Column... columns) {
        return table(key, List.of(), columns);
    }

    static DecisionInput input(User user, Resource... resources) {
        return statement(user, "SELECT 1", resources);
    }

    static DecisionInput statement(User user, String sql, Resource... resources) {
        return new DecisionInput(DecisionInput.Action.SELECT, user,
                new DecisionInput.Client("127.0.0.1", "psql", "postgresql"),
                new DecisionInput.Query("q_test", sql, "select"), List.of(resources));
    }
}
