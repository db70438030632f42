package io.sluice.gateway.catalog;

import io.sluice.connectors.Source;
import io.sluice.connectors.Sources;
import io.sluice.connectors.catalog.SourceTable;
import io.sluice.gateway.planning.SluiceTypeSystem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.CRC32;
import io.sluice.gateway.session.SessionContext;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sluice's catalog as PostgreSQL's system catalogs describe it, read from the live sources at the
 * moment of one scan. Every source schema is a namespace: named after the source when its tables
 * are reachable as {@code source.table} (the source's only or default schema), otherwise
 * {@code source.schema}. OIDs are stable hashes of the names, so they survive restarts and
 * metadata refreshes. Columns are read only when asked for.
 */
final class CatalogSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogSnapshot.class);

    static final int PG_CATALOG_OID = 11;
    static final int INFORMATION_SCHEMA_OID = 13_000;
    static final int OWNER_OID = 10;
    static final String OWNER = "sluice";
    static final String DATABASE = "sluice";
    static final int DATABASE_OID = 16_384;
    static final int FIRST_USER_OID = 16_385;

    record Namespace(int oid, String name, boolean system) {}

    /**
     * @param definition  a view's SQL, when this user may see it
     * @param description a view's description, from the configuration
     */
    record Relation(int oid, String name, Namespace namespace, char kind, CatalogVisibility.TableRef ref,
            Table table, float tuples, List<Column> systemColumns, Predicate<String> columnVisible,
            Optional<String> definition, Optional<String> description) {
        /** The columns, read from the source on first use (system tables know theirs). */
        List<Attribute> attributes() {
            List<Attribute> result = new ArrayList<>();
            if (systemColumns != null) {
                for (int i = 0; i < systemColumns.size(); i++) {
                    Column c = systemColumns.get(i);
                    RelDataType type = c.relType(TYPES);
                    result.add(new Attribute(this, c.name(), (short) (i + 1), PgType.describe(type), false));
                }
                return result;
            }
            List<RelDataTypeField> fields = table.getRowType(TYPES).getFieldList();
            for (RelDataTypeField field : fields) {
                if (!columnVisible.test(field.getName())) {
                    continue;
                }
                result.add(new Attribute(this, field.getName(), (short) (field.getIndex() + 1),
                        PgType.describe(field.getType()), !field.getType().isNullable()));
            }
            return result;
        }
    }

    /**
     * The attribute numbers of the source table's primary key (from the key Calcite's statistics carry),
     * in column order; empty for system tables, tables without a key and sources that will not say.
     */
    static List<Short> primaryKey(Relation relation) {
        if (relation.table() == null) {
            return List.of();
        }
        try {
            List<org.apache.calcite.util.ImmutableBitSet> keys = relation.table().getStatistic().getKeys();
            if (keys == null || keys.isEmpty()) {
                return List.of();
            }
            return keys.getFirst().asList().stream().map(i -> (short) (i + 1)).toList();
        } catch (RuntimeException e) {
            LOG.debug("Catalog listing has no primary key for {}: {}", relation.name(), e.getMessage());
            return List.of();
        }
    }

    /**
     * A source table's primary key as PostgreSQL lists it: an index relation named {@code <table>_pkey}
     * (PostgreSQL's default name) in the table's namespace, over {@code key}'s attribute numbers.
     */
    record PrimaryKeyIndex(int oid, String name, Relation table, List<Short> key) {
        /** The OID of the PRIMARY KEY constraint the index backs (PostgreSQL gives both the same name). */
        int constraintOid() {
            return CatalogSnapshot.oid("constraint", Integer.toString(table.oid()));
        }
    }

    /** The primary-key index of every source table that has a key. */
    List<PrimaryKeyIndex> primaryKeyIndexes() {
        List<PrimaryKeyIndex> result = new ArrayList<>();
        for (Relation relation : userRelations()) {
            List<Short> key = primaryKey(relation);
            if (!key.isEmpty()) {
                result.add(new PrimaryKeyIndex(oid("index", Integer.toString(relation.oid())),
                        relation.name() + "_pkey", relation, key));
            }
        }
        return result;
    }

    record Attribute(Relation relation, String name, short number, PgType.Described type, boolean notNull) {}

    /** A system table's column: name and Calcite type. */
    record Column(String name, boolean array, org.apache.calcite.sql.type.SqlTypeName type) {
        RelDataType relType(RelDataTypeFactory factory) {
            RelDataType base = factory.createTypeWithNullability(factory.createSqlType(type), true);
            return factory.createTypeWithNullability(array ? factory.createArrayType(base, -1) : base, true);
        }
    }

    /** The planner's type system, so a column is described with the precision a query would report. */
    static final RelDataTypeFactory TYPES = new JavaTypeFactoryImpl(SluiceTypeSystem.INSTANCE);

    static final Namespace PG_CATALOG = new Namespace(PG_CATALOG_OID, "pg_catalog", true);
    static final Namespace INFORMATION_SCHEMA = new Namespace(INFORMATION_SCHEMA_OID, "information_schema", true);

    private final List<Namespace> namespaces = new ArrayList<>();
    private final List<Relation> relations = new ArrayList<>();

    private CatalogSnapshot() {}

    /** A table of {@code pg_catalog} or {@code information_schema}. */
    record SystemRelation(Namespace namespace, String name, int oid, List<Column> columns) {}

    static CatalogSnapshot read(Sources sources, SchemaPlus root, List<SystemRelation> system,
            CatalogVisibility visibility, SessionContext user) {
        CatalogSnapshot snapshot = new CatalogSnapshot();
        snapshot.namespaces.add(PG_CATALOG);
        snapshot.namespaces.add(INFORMATION_SCHEMA);
        for (SystemRelation r : system) {
            snapshot.relations.add(new Relation(r.oid(), r.name(), r.namespace(),
                    r.namespace() == PG_CATALOG ? 'r' : 'v', null, null, -1f, r.columns(), c -> true, Optional.empty(),
                    Optional.empty()));
        }
        for (Source source : sources.all()) {
            try {
                snapshot.addSource(source, visibility, user);
            } catch (RuntimeException e) {
                // A source that is down is left out of the listing rather than failing it.
                LOG.debug("Catalog listing skips source {}: {}", source.name(), e.getMessage());
            }
        }
        if (CatalogViews.present(root)) {
            snapshot.namespaces.add(CatalogViews.NAMESPACE);
            snapshot.relations.addAll(CatalogViews.listed(root, visibility, user));
        }
        return snapshot;
    }

    private void addSource(Source source, CatalogVisibility visibility, SessionContext user) {
        Set<String> schemaNames = new TreeSet<>(source.schema().subSchemas().getNames(LikePattern.any()));
        String preferred = schemaNames.size() == 1 ? schemaNames.iterator().next() : switch (source.config().type()) {
            case POSTGRESQL -> "public";
            case DUCKDB, FILES, SQLITE -> "main";
            case MYSQL -> "";
        };
        for (String schemaName : schemaNames) {
            Schema schema = source.schema().subSchemas().get(schemaName);
            if (schema == null) {
                continue;
            }
            String namespaceName = schemaName.equals(preferred) ? source.name() : source.name() + "." + schemaName;
            Namespace namespace = new Namespace(oid("namespace", namespaceName), namespaceName, false);
            namespaces.add(namespace);
            for (String tableName : new TreeSet<>(schema.tables().getNames(LikePattern.any()))) {
                var ref = new CatalogVisibility.TableRef(source.name(), schemaName, tableName);
                Optional<Predicate<String>> visibleColumns = visibility.columns(user, ref);
                if (visibleColumns.isEmpty()) {
                    continue;
                }
                Table table = schema.tables().get(tableName);
                if (table == null) {
                    continue;
                }
                float tuples = table instanceof SourceTable st && st.rowCount().isPresent()
                        ? st.rowCount().getAsLong() : -1f;
                relations.add(new Relation(oid("table", source.name() + "\0" + schemaName + "\0" + tableName),
                        tableName, namespace, 'r', ref, table, tuples, null, visibleColumns.get(), Optional.empty(),
                        Optional.empty()));
            }
        }
    }

    List<Namespace> namespaces() {
        return namespaces;
    }

    List<Relation> relations() {
        return relations;
    }

    /** Views only. */
    List<Relation> views() {
        return relations.stream().filter(r -> r.kind() == 'v' && !r.namespace().system()).toList();
    }

    /** Source tables and views. */
    List<Relation> userRelations() {
        return relations.stream().filter(r -> !r.namespace().system()).toList();
    }

    /** Every column of every relation; a source whose columns cannot be read is skipped. */
    List<Attribute> attributes(boolean includeSystem) {
        List<Attribute> result = new ArrayList<>();
        for (Relation relation : relations) {
            if (!includeSystem && relation.namespace().system()) {
                continue;
            }
            try {
                result.addAll(relation.attributes());
            } catch (RuntimeException e) {
                LOG.debug("Catalog listing skips the columns of {}: {}", relation.name(), e.getMessage());
            }
        }
        return result;
    }

    /** A stable OID above PostgreSQL's reserved range, from a kind and a name. */
    static int oid(String kind, String name) {
        CRC32 crc = new CRC32();
        crc.update((kind + "\0" + name).getBytes(StandardCharsets.UTF_8));
        long range = Integer.MAX_VALUE - FIRST_USER_OID;
        return (int) (FIRST_USER_OID + crc.getValue() % range);
    }
}
