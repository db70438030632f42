package io.sluice.gateway.policy;

import static java.util.Objects.requireNonNull;

import io.sluice.connectors.Source;
import io.sluice.connectors.Sources;
import io.sluice.connectors.catalog.SourceTable;
import io.sluice.gateway.session.SessionContext;
import io.sluice.policies.decision.DecisionInput;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * Builds the policy input for a set of tables: every column with its type and the tags the
 * source's configuration gives the table and the column.
 */
final class PolicyInputs {
    private final Sources sources;

    PolicyInputs(Sources sources) {
        this.sources = requireNonNull(sources, "sources is null");
    }

    DecisionInput input(SessionContext session, String queryId, String sql, List<SourceTable> tables) {
        List<DecisionInput.Resource> resources = new ArrayList<>();
        for (SourceTable table : tables) {
            resources.add(resource(table));
        }
        SessionContext.Client client = session.client();
        return new DecisionInput(DecisionInput.Action.SELECT,
                new DecisionInput.User(session.user(), session.groups(), session.attributes()),
                new DecisionInput.Client(client.address(), client.application(), client.protocol()),
                new DecisionInput.Query(queryId, sql, "select"), resources);
    }

    DecisionInput.Resource resource(SourceTable table) {
        String qualified = table.schema() + "." + table.name();
        List<String> tableTags = tags(table.source(), qualified);
        List<DecisionInput.Column> columns = new ArrayList<>();
        for (RelDataTypeField field : table.getRowType(new JavaTypeFactoryImpl()).getFieldList()) {
            columns.add(new DecisionInput.Column(field.getName(), field.getType().getSqlTypeName().getName(),
                    tags(table.source(), qualified + "." + field.getName())));
        }
        return new DecisionInput.Resource(table.source(), table.schema(), table.name(), tableTags, columns);
    }

    private List<String> tags(String source, String qualifiedName) {
        return sources.get(source).map(Source::config).map(c -> c.tagsFor(qualifiedName)).orElse(List.of());
    }
}
