package io.sluice.gateway.catalog;

/**
 * Which source tables a user may see listed in {@code pg_catalog} and {@code information_schema}.
 * The seam for policies: a table the user may not read can be left out of the listings. The
 * default shows everything.
 */
@FunctionalInterface
public interface CatalogVisibility {
    CatalogVisibility ALL = (user, table) -> true;

    /**
     * @param user the session user ({@code DataContext} variable {@code user}), never null
     * @param table the table as Sluice names it
     */
    boolean visible(String user, TableRef table);

    /** A source table: {@code source.schema.table}. */
    record TableRef(String source, String schema, String table) {}
}
