package io.sluice.gateway.catalog;

import io.sluice.gateway.planning.AccessSummary;
import io.sluice.gateway.planning.ConfiguredView;
import io.sluice.gateway.planning.ViewReads;
import io.sluice.gateway.session.SessionContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.lookup.LikePattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The views of the configuration as catalogs list them, for one user. A view reads source tables
 * with the invoking user's rights, so it is listed only to a user whose catalog lists every table
 * it reads; a view column only when the user may read every column that column needs; and the
 * view's SQL only when the user may read every column the view reads (it names them, and the
 * filters the view applies). Whatever the policy says of the tables says it of the view.
 */
final class CatalogViews {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogViews.class);

    static final CatalogSnapshot.Namespace NAMESPACE = new CatalogSnapshot.Namespace(
            CatalogSnapshot.oid("namespace", ConfiguredView.SCHEMA), ConfiguredView.SCHEMA, false);

    private CatalogViews() {}

    /** Whether the catalog has a {@code views} schema at all. */
    static boolean present(SchemaPlus root) {
        return root.subSchemas().get(ConfiguredView.SCHEMA) != null;
    }

    static int oid(String view) {
        return CatalogSnapshot.oid("view", view);
    }

    /** Whether {@code oid} is a view with a description, whoever may see it; cheap, reads no catalog. */
    static boolean described(SchemaPlus root, int oid) {
        Schema schema = root.subSchemas().get(ConfiguredView.SCHEMA);
        return schema != null && schema.tables().getNames(LikePattern.any()).stream()
                .anyMatch(name -> oid(name) == oid
                        && schema.tables().get(name) instanceof ConfiguredView view && view.description().isPresent());
    }

    /** The views {@code user} sees listed, in name order; a view that cannot be compiled now is left out. */
    static List<CatalogSnapshot.Relation> listed(SchemaPlus root, CatalogVisibility visibility, SessionContext user) {
        Schema schema = root.subSchemas().get(ConfiguredView.SCHEMA);
        if (schema == null) {
            return List.of();
        }
        Map<String, Optional<Predicate<String>>> tables = new HashMap<>();
        List<CatalogSnapshot.Relation> result = new ArrayList<>();
        for (String name : new TreeSet<>(schema.tables().getNames(LikePattern.any()))) {
            if (!(schema.tables().get(name) instanceof ConfiguredView view)) {
                continue;
            }
            ViewReads reads;
            try {
                reads = view.reads();
            } catch (RuntimeException e) {
                LOG.debug("Catalog listing skips view {}: {}", name, e.getMessage());
                continue;
            }
            Predicate<AccessSummary.TableRead> tableListed = read -> tables
                    .computeIfAbsent(read.key(), k -> visibility.columns(user, new CatalogVisibility.TableRef(
                            read.source(), read.schema(), read.table())))
                    .isPresent();
            if (!reads.all().stream().allMatch(tableListed)) {
                continue;
            }
            Predicate<List<AccessSummary.TableRead>> readable = needed -> needed.stream().allMatch(read ->
                    read.columns().stream().allMatch(tables.get(read.key()).orElseThrow()));
            List<String> columns = view.getRowType(CatalogSnapshot.TYPES).getFieldNames();
            Predicate<String> columnVisible = column -> {
                int index = columns.indexOf(column);
                return index >= 0 && readable.test(reads.columns().get(index));
            };
            Optional<String> definition = readable.test(reads.all()) ? Optional.of(view.sql()) : Optional.empty();
            result.add(new CatalogSnapshot.Relation(oid(name), name, NAMESPACE, 'v', null,
                    view, -1f, null, columnVisible, definition, view.description()));
        }
        return result;
    }
}
