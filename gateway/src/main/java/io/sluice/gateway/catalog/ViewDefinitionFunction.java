package io.sluice.gateway.catalog;

import org.apache.calcite.DataContext;

/**
 * {@code pg_get_viewdef(view [, pretty])}: a configured view's SQL (psql's {@code \d+} shows it),
 * from the same snapshot {@code pg_views} lists (see {@link SnapshotFunction}). NULL for a view the
 * user does not see listed, and for one whose SQL names columns the user may not read.
 */
public final class ViewDefinitionFunction {
    private ViewDefinitionFunction() {}

    static SnapshotFunction create() {
        return SnapshotFunction.of(ViewDefinitionFunction.class, "signature", "definition", Integer.class);
    }

    static SnapshotFunction createPretty() {
        return SnapshotFunction.of(ViewDefinitionFunction.class, "signature", "definition", Integer.class,
                Boolean.class);
    }

    /** Only declares the SQL parameters and result type; never called. */
    public static String signature(Integer view) {
        throw new UnsupportedOperationException("pg_get_viewdef is evaluated by definition()");
    }

    /** Only declares the SQL parameters and result type; never called. */
    public static String signature(Integer view, Boolean pretty) {
        throw new UnsupportedOperationException("pg_get_viewdef is evaluated by definition()");
    }

    /** Called by the generated code with the statement's context. */
    public static String definition(DataContext root, Integer view) {
        if (view == null) {
            return null;
        }
        return SnapshotFunction.snapshot(root).flatMap(s -> s.views().stream().filter(v -> v.oid() == view)
                .findFirst()).flatMap(CatalogSnapshot.Relation::definition).orElse(null);
    }

    /** Called by the generated code with the statement's context; Sluice prints views one way only. */
    public static String definition(DataContext root, Integer view, Boolean pretty) {
        return definition(root, view);
    }
}
