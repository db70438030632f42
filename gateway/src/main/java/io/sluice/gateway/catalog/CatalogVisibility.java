package io.sluice.gateway.catalog;

import io.sluice.gateway.session.SessionContext;
import java.util.function.Predicate;

/**
 * Which source tables, and which of their columns, a session sees listed in {@code pg_catalog}
 * and {@code information_schema}. The seam for policies: a table or column the user may not read
 * is left out of the listings. The default shows everything.
 */
@FunctionalInterface
public interface CatalogVisibility {
    CatalogVisibility ALL = (session, table) -> true;

    boolean visible(SessionContext session, TableRef table);

    /** Of a visible table, the columns that are listed. */
    default Predicate<String> columns(SessionContext session, TableRef table) {
        return column -> true;
    }

    /** A source table: {@code source.schema.table}. */
    record TableRef(String source, String schema, String table) {}
}
