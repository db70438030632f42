package io.sluice.gateway.catalog;

import io.sluice.gateway.session.SessionContext;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which source tables, and which of their columns, a session sees listed in {@code pg_catalog}
 * and {@code information_schema}. The seam for policies: a table or column the user may not read
 * is left out of the listings. The default shows everything.
 */
@FunctionalInterface
public interface CatalogVisibility {
    CatalogVisibility ALL = (session, table) -> Optional.of(column -> true);

    /** Which columns of {@code table} are listed; empty when the table is not listed at all. */
    Optional<Predicate<String>> columns(SessionContext session, TableRef table);

    /** A source table: {@code source.schema.table}. */
    record TableRef(String source, String schema, String table) {}
}
