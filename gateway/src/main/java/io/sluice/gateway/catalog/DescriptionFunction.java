package io.sluice.gateway.catalog;

import org.apache.calcite.DataContext;

/**
 * {@code obj_description(object [, catalog])}: the description of a configured view, from the same
 * snapshot {@code pg_description} lists (see {@link SnapshotFunction}), so psql's {@code \dv+} and
 * JDBC's REMARKS show it; NULL for everything else (Sluice keeps no other comments) and for views
 * the user does not see listed.
 */
public final class DescriptionFunction {
    private DescriptionFunction() {}

    static SnapshotFunction create() {
        return SnapshotFunction.of(DescriptionFunction.class, "signature", "description", Integer.class);
    }

    static SnapshotFunction createInCatalog() {
        return SnapshotFunction.of(DescriptionFunction.class, "signature", "description", Integer.class,
                String.class);
    }

    /** Only declares the SQL parameters and result type; never called. */
    public static String signature(Integer object) {
        throw new UnsupportedOperationException("obj_description is evaluated by description()");
    }

    /** Only declares the SQL parameters and result type; never called. */
    public static String signature(Integer object, String catalog) {
        throw new UnsupportedOperationException("obj_description is evaluated by description()");
    }

    /** Called by the generated code with the statement's context. */
    public static String description(DataContext root, Integer object) {
        // Called for every row of a listing: the user's catalog is read only for a view that has a description.
        if (object == null || root.getRootSchema() == null || !CatalogViews.described(root.getRootSchema(), object)) {
            return null;
        }
        return SnapshotFunction.snapshot(root).flatMap(s -> s.views().stream().filter(v -> v.oid() == object)
                .findFirst()).flatMap(CatalogSnapshot.Relation::description).orElse(null);
    }

    /** Called by the generated code with the statement's context; only pg_class objects have descriptions. */
    public static String description(DataContext root, Integer object, String catalog) {
        return catalog == null || !catalog.equals("pg_class") ? null : description(root, object);
    }
}
