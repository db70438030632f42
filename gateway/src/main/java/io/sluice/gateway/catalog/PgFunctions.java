package io.sluice.gateway.catalog;

import java.util.List;

/**
 * The PostgreSQL helper functions that client catalog queries call, answered from Sluice's own
 * catalog. Registered by {@link SystemSchemas} in {@code pg_catalog} and at the root, under the
 * PostgreSQL names listed in {@link SystemSchemas#FUNCTIONS}. Privilege checks answer true:
 * what a user may read is decided by the policy engine when a statement runs, not here.
 */
public final class PgFunctions {
    static final String VERSION =
            "PostgreSQL 16.4 (Sluice) on x86_64-pc-linux-gnu, compiled by Java, 64-bit";

    private PgFunctions() {}

    public static String version() {
        return VERSION;
    }

    public static String currentDatabase() {
        return CatalogSnapshot.DATABASE;
    }

    /**
     * {@code current_schema()}: the first schema of the search path that exists. Sluice's search
     * path is PostgreSQL's default ({@code "$user", public}) and neither exists, so NULL, as in
     * PostgreSQL; names are resolved from the root ({@code source.table}).
     */
    public static String currentSchema() {
        return null;
    }

    /** {@code current_schemas(include_implicit)}: the search path; Sluice has none beyond the root. */
    public static List<String> currentSchemas(Boolean includeImplicit) {
        return Boolean.TRUE.equals(includeImplicit) ? List.of("pg_catalog") : List.of();
    }

    /** Every table Sluice lists is reachable by its listed name, so every one is "visible". */
    public static Boolean pgTableIsVisible(Integer oid) {
        return oid == null ? null : Boolean.TRUE;
    }

    public static Boolean pgTypeIsVisible(Integer oid) {
        return oid == null ? null : Boolean.TRUE;
    }

    public static String pgGetUserbyid(Integer oid) {
        if (oid == null) {
            return null;
        }
        return oid == CatalogSnapshot.OWNER_OID ? CatalogSnapshot.OWNER : "unknown (OID=" + oid + ")";
    }

    public static String formatType(Integer oid, Integer typmod) {
        if (oid == null) {
            return null;
        }
        return PgType.format(oid, typmod == null ? -1 : typmod);
    }

    public static String pgEncodingToChar(Integer encoding) {
        if (encoding == null) {
            return null;
        }
        return encoding == 6 ? "UTF8" : encoding == 0 ? "SQL_ASCII" : "";
    }

    public static String colDescription(Integer oid, Integer column) {
        return null;
    }

    public static String shobjDescription(Integer oid, String catalog) {
        return null;
    }

    /** Column defaults, index and constraint definitions: Sluice keeps none. */
    public static String pgGetExpr(String expression, Integer relation) {
        return null;
    }

    public static String pgGetExpr(String expression, Integer relation, Boolean pretty) {
        return null;
    }

    public static String pgGetConstraintdef(Integer constraint, Boolean pretty) {
        return null;
    }

    public static String pgGetStatisticsobjdefColumns(Integer oid) {
        return null;
    }

    public static Boolean pgRelationIsPublishable(Integer oid) {
        return oid == null ? null : Boolean.FALSE;
    }

    public static Boolean pgRelationIsPublishable(String oid) {
        return oid == null ? null : Boolean.FALSE;
    }

    public static Boolean hasTablePrivilege(String table, String privilege) {
        return Boolean.TRUE;
    }

    public static Boolean hasTablePrivilege(String user, String table, String privilege) {
        return Boolean.TRUE;
    }

    public static Boolean hasTablePrivilege(Integer table, String privilege) {
        return Boolean.TRUE;
    }

    public static Boolean hasSchemaPrivilege(String schema, String privilege) {
        return Boolean.TRUE;
    }

    public static Boolean hasSchemaPrivilege(Integer schema, String privilege) {
        return Boolean.TRUE;
    }

    public static Boolean hasDatabasePrivilege(String database, String privilege) {
        return Boolean.TRUE;
    }

    public static String arrayToString(List<?> array, String separator) {
        if (array == null || separator == null) {
            return null;
        }
        return array.stream().filter(java.util.Objects::nonNull).map(Object::toString)
                .collect(java.util.stream.Collectors.joining(separator));
    }

    public static Integer arrayUpper(List<?> array, Integer dimension) {
        if (array == null || array.isEmpty() || dimension == null || dimension != 1) {
            return null;
        }
        return array.size();
    }

    /** No column is backed by a sequence here. */
    public static String pgGetSerialSequence(String table, String column) {
        return null;
    }

    // json_build_object(key, value, ...): one overload per pair count, as Calcite has no SQL varargs.
    public static String jsonBuildObject(Object k1, Object v1) {
        return JsonObjects.build(k1, v1);
    }

    public static String jsonBuildObject(Object k1, Object v1, Object k2, Object v2) {
        return JsonObjects.build(k1, v1, k2, v2);
    }

    public static String jsonBuildObject(Object k1, Object v1, Object k2, Object v2, Object k3, Object v3) {
        return JsonObjects.build(k1, v1, k2, v2, k3, v3);
    }

    public static String jsonBuildObject(Object k1, Object v1, Object k2, Object v2, Object k3, Object v3, Object k4,
            Object v4) {
        return JsonObjects.build(k1, v1, k2, v2, k3, v3, k4, v4);
    }

    public static String jsonBuildObject(Object k1, Object v1, Object k2, Object v2, Object k3, Object v3, Object k4,
            Object v4, Object k5, Object v5) {
        return JsonObjects.build(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5);
    }

    public static String jsonBuildObject(Object k1, Object v1, Object k2, Object v2, Object k3, Object v3, Object k4,
            Object v4, Object k5, Object v5, Object k6, Object v6) {
        return JsonObjects.build(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6);
    }

    public static String jsonBuildObject(Object k1, Object v1, Object k2, Object v2, Object k3, Object v3, Object k4,
            Object v4, Object k5, Object v5, Object k6, Object v6, Object k7, Object v7) {
        return JsonObjects.build(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6, k7, v7);
    }
}
