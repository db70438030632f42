package io.sluice.gateway.policy;

import static java.util.Objects.requireNonNull;

import io.sluice.connectors.Source;
import io.sluice.connectors.Sources;
import io.sluice.gateway.planning.PolicyTable;
import io.sluice.gateway.session.SessionContext;
import io.sluice.policies.decision.DecisionInput;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the policy input for a set of tables: every column with its type and the tags the
 * source's configuration gives the table and the column ({@code sys} tables have no tags).
 */
final class PolicyInputs {
    private final Sources sources;

    PolicyInputs(Sources sources) {
        this.sources = requireNonNull(sources, "sources is null");
    }

    DecisionInput input(SessionContext session, String queryId, String sql, List<PolicyTable> tables) {
        List<DecisionInput.Resource> resources = new ArrayList<>();
        for (PolicyTable table : tables) {
            resources.add(resource(table));
        }
        SessionContext.Client client = session.client();
        return new DecisionInput(DecisionInput.Action.SELECT,
                new DecisionInput.User(session.user(), session.groups(), session.attributes()),
                new DecisionInput.Client(client.address(), client.application(), client.protocol()),
                new DecisionInput.Query(queryId, sql, "select"), resources);
    }

    DecisionInput.Resource resource(PolicyTable table) {
        String qualified = table.schema() + "." + table.name();
        List<String> tableTags = tags(table.source(), qualified);
        List<DecisionInput.Column> columns = new ArrayList<>();
        for (PolicyTable.Column column : table.columns()) {
            columns.add(new DecisionInput.Column(column.name(), column.type(),
                    tags(table.source(), qualified + "." + column.name())));
        }
        return new DecisionInput.Resource(table.source(), table.schema(), table.name(), tableTags, columns);
    }

    private List<String> tags(String source, String qualifiedName) {
        return sources.get(source).map(Source::config).map(c -> c.tagsFor(qualifiedName)).orElse(List.of());
    }
}
