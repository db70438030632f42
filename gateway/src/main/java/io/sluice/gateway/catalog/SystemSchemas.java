package io.sluice.gateway.catalog;

import static io.sluice.gateway.catalog.CatalogSnapshot.DATABASE;
import static io.sluice.gateway.catalog.CatalogSnapshot.DATABASE_OID;
import static io.sluice.gateway.catalog.CatalogSnapshot.INFORMATION_SCHEMA;
import static io.sluice.gateway.catalog.CatalogSnapshot.OWNER;
import static io.sluice.gateway.catalog.CatalogSnapshot.OWNER_OID;
import static io.sluice.gateway.catalog.CatalogSnapshot.PG_CATALOG;
import static io.sluice.gateway.catalog.CatalogSnapshot.PG_CATALOG_OID;
import static java.util.Objects.requireNonNull;

import io.sluice.connectors.Sources;
import io.sluice.gateway.catalog.CatalogSnapshot.Attribute;
import io.sluice.gateway.catalog.CatalogSnapshot.Column;
import io.sluice.gateway.catalog.CatalogSnapshot.Namespace;
import io.sluice.gateway.catalog.CatalogSnapshot.PrimaryKeyIndex;
import io.sluice.gateway.catalog.CatalogSnapshot.Relation;
import io.sluice.gateway.catalog.CatalogSnapshot.SystemRelation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.TableFunctionImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * PostgreSQL's {@code pg_catalog} and {@code information_schema}, generated from Sluice's own
 * catalog, so that psql's {@code \dt}, {@code \dn}, {@code \l}, {@code \d table} and pgjdbc's
 * {@code DatabaseMetaData} browse the federated sources. Only what clients read when they browse
 * is there; catalogs of things Sluice does not have (policies, publications, inheritance) exist and
 * are empty. The sources' primary keys are listed as indexes ({@code pg_index}, and {@code pg_class}
 * rows of kind 'i' named {@code <table>_pkey}) and as PRIMARY KEY constraints ({@code pg_constraint}).
 *
 * <p>Call {@link #register} once on the root schema, after the sources are attached. Rows are
 * computed on every scan from the live catalog, so refreshed source metadata shows at once.
 */
public final class SystemSchemas {
    /** PostgreSQL function name → method of {@link PgFunctions} (every overload is registered). */
    static final Map<String, String> FUNCTIONS = Map.ofEntries(
            Map.entry("version", "version"),
            Map.entry("current_database", "currentDatabase"),
            Map.entry("current_schema", "currentSchema"),
            Map.entry("current_schemas", "currentSchemas"),
            Map.entry("pg_table_is_visible", "pgTableIsVisible"),
            Map.entry("pg_type_is_visible", "pgTypeIsVisible"),
            Map.entry("pg_get_userbyid", "pgGetUserbyid"),
            Map.entry("format_type", "formatType"),
            Map.entry("pg_encoding_to_char", "pgEncodingToChar"),
            Map.entry("col_description", "colDescription"),
            Map.entry("shobj_description", "shobjDescription"),
            Map.entry("pg_get_expr", "pgGetExpr"),
            Map.entry("pg_get_constraintdef", "pgGetConstraintdef"),
            Map.entry("pg_get_statisticsobjdef_columns", "pgGetStatisticsobjdefColumns"),
            Map.entry("pg_relation_is_publishable", "pgRelationIsPublishable"),
            Map.entry("has_table_privilege", "hasTablePrivilege"),
            Map.entry("has_schema_privilege", "hasSchemaPrivilege"),
            Map.entry("has_database_privilege", "hasDatabasePrivilege"),
            Map.entry("array_to_string", "arrayToString"),
            Map.entry("array_upper", "arrayUpper"),
            Map.entry("pg_get_serial_sequence", "pgGetSerialSequence"),
            Map.entry("json_build_object", "jsonBuildObject"));

    /** PostgreSQL type names that casts ({@code x::text}, {@code oid::regclass}) use, as Calcite types. */
    static final Map<String, SqlTypeName> TYPE_ALIASES = Map.ofEntries(
            Map.entry("text", SqlTypeName.VARCHAR),
            Map.entry("name", SqlTypeName.VARCHAR),
            Map.entry("bpchar", SqlTypeName.VARCHAR),
            Map.entry("oid", SqlTypeName.INTEGER),
            Map.entry("regclass", SqlTypeName.INTEGER),
            Map.entry("regtype", SqlTypeName.INTEGER),
            Map.entry("regnamespace", SqlTypeName.INTEGER),
            Map.entry("regproc", SqlTypeName.VARCHAR),
            Map.entry("int2", SqlTypeName.SMALLINT),
            Map.entry("int4", SqlTypeName.INTEGER),
            Map.entry("int8", SqlTypeName.BIGINT),
            Map.entry("float4", SqlTypeName.REAL),
            Map.entry("float8", SqlTypeName.DOUBLE),
            Map.entry("bool", SqlTypeName.BOOLEAN));

    private SystemSchemas() {}

    /** Adds {@code pg_catalog}, {@code information_schema} and their functions, listing every table. */
    public static void register(SchemaPlus root, Sources sources) {
        register(root, sources, CatalogVisibility.ALL);
    }

    /**
     * Adds {@code pg_catalog}, {@code information_schema} and their functions.
     *
     * @param visibility which source tables each user sees listed (the seam for policies)
     */
    public static void register(SchemaPlus root, Sources sources, CatalogVisibility visibility) {
        requireNonNull(root, "root is null");
        requireNonNull(sources, "sources is null");
        requireNonNull(visibility, "visibility is null");
        List<Definition> definitions = definitions();
        List<SystemRelation> relations = definitions.stream()
                .map(d -> new SystemRelation(d.namespace, d.name, d.oid, d.columns)).toList();
        SystemTable.SnapshotReader reader = user -> CatalogSnapshot.read(sources, root, relations, visibility, user);

        SchemaPlus pgCatalog = root.add(PG_CATALOG.name(), new AbstractSchema());
        SchemaPlus informationSchema = root.add(INFORMATION_SCHEMA.name(), new AbstractSchema());
        for (Definition d : definitions) {
            SchemaPlus target = d.namespace == PG_CATALOG ? pgCatalog : informationSchema;
            SystemTable table = new SystemTable(d.name, d.columns, d.rows, reader);
            target.add(d.name, table);
            if (d.namespace == PG_CATALOG) {
                // pg_catalog is always on PostgreSQL's search path: clients write "FROM pg_class".
                root.add(d.name, table);
            }
        }
        for (Map.Entry<String, String> function : FUNCTIONS.entrySet()) {
            for (Method method : PgFunctions.class.getMethods()) {
                if (method.getName().equals(function.getValue()) && Modifier.isStatic(method.getModifiers())) {
                    pgCatalog.add(function.getKey(), ArrayResultFunction.wrap(method));
                    root.add(function.getKey(), ArrayResultFunction.wrap(method));
                }
            }
        }
        Map<String, List<SnapshotFunction>> snapshotFunctions = Map.of(
                "pg_get_indexdef", List.of(IndexDefinitionFunction.create()),
                "pg_get_viewdef", List.of(ViewDefinitionFunction.create(), ViewDefinitionFunction.createPretty()),
                "obj_description", List.of(DescriptionFunction.create(), DescriptionFunction.createInCatalog()));
        snapshotFunctions.forEach((name, overloads) -> overloads.forEach(function -> {
            pgCatalog.add(name, function);
            root.add(name, function);
        }));
        var series = TableFunctionImpl.create(GenerateSeries.class, "generateSeries");
        pgCatalog.add("generate_series", series);
        root.add("generate_series", series);
        for (Map.Entry<String, SqlTypeName> alias : TYPE_ALIASES.entrySet()) {
            SqlTypeName type = alias.getValue();
            pgCatalog.add(alias.getKey(), factory -> factory.createTypeWithNullability(factory.createSqlType(type), true));
            root.add(alias.getKey(), factory -> factory.createTypeWithNullability(factory.createSqlType(type), true));
        }
    }

    private record Definition(Namespace namespace, String name, int oid, List<Column> columns,
            Function<SystemTable.Scan, Stream<Object[]>> rows) {}

    private static final class Builder {
        private final List<Definition> definitions = new ArrayList<>();
        private int nextOid = 12_000;

        /**
         * @param spec columns as {@code "name type, ..."} with type one of
         *     {@code int, int2, int8, text, bool, float4, char}, {@code []} after it for an array
         */
        void table(Namespace namespace, String name, int oid, String spec,
                Function<SystemTable.Scan, Stream<Object[]>> rows) {
            definitions.add(new Definition(namespace, name, oid == 0 ? nextOid++ : oid, columns(spec), rows));
        }

        void empty(Namespace namespace, String name, int oid, String spec) {
            table(namespace, name, oid, spec, scan -> Stream.empty());
        }

        private static List<Column> columns(String spec) {
            List<Column> columns = new ArrayList<>();
            for (String part : spec.split(",")) {
                String[] words = part.trim().split("\\s+");
                boolean array = words[1].endsWith("[]");
                columns.add(new Column(words[0], array, switch (words[1].replace("[]", "")) {
                    case "int" -> SqlTypeName.INTEGER;
                    case "int2" -> SqlTypeName.SMALLINT;
                    case "int8" -> SqlTypeName.BIGINT;
                    case "text" -> SqlTypeName.VARCHAR;
                    case "bool" -> SqlTypeName.BOOLEAN;
                    case "float4" -> SqlTypeName.REAL;
                    case "char" -> SqlTypeName.CHAR;
                    default -> throw new IllegalArgumentException("unknown column type in " + part);
                }));
            }
            return columns;
        }
    }

    private static Object[] row(Object... values) {
        return values;
    }

    private static List<Definition> definitions() {
        Builder b = new Builder();
        b.table(PG_CATALOG, "pg_namespace", 2615, "oid int, nspname text, nspowner int, nspacl text",
                scan -> scan.catalog().namespaces().stream()
                        .map(n -> row(n.oid(), n.name(), OWNER_OID, null)));
        b.table(PG_CATALOG, "pg_class", 1259, """
                oid int, relname text, relnamespace int, reltype int, reloftype int, relowner int, relam int,
                relfilenode int, reltablespace int, relpages int, reltuples float4, relallvisible int,
                reltoastrelid int, relhasindex bool, relisshared bool, relpersistence text, relkind text,
                relnatts int2, relchecks int2, relhasrules bool, relhastriggers bool, relhassubclass bool,
                relrowsecurity bool, relforcerowsecurity bool, relispopulated bool, relreplident text,
                relispartition bool, relrewrite int, relacl text, reloptions text, relpartbound text""",
                scan -> Stream.concat(scan.catalog().relations().stream().map(SystemSchemas::classRow),
                        scan.catalog().primaryKeyIndexes().stream().map(SystemSchemas::indexClassRow)));
        b.table(PG_CATALOG, "pg_attribute", 1249, """
                attrelid int, attname text, atttypid int, attstattarget int, attlen int2, attnum int2,
                attndims int, attcacheoff int, atttypmod int, attbyval bool, attalign text, attstorage text,
                attcompression text, attnotnull bool, atthasdef bool, atthasmissing bool, attidentity text,
                attgenerated text, attisdropped bool, attislocal bool, attinhcount int, attcollation int,
                attacl text, attoptions text, attfdwoptions text, attmissingval text""",
                scan -> scan.catalog().attributes(true).stream().map(SystemSchemas::attributeRow));
        b.table(PG_CATALOG, "pg_type", 1247, """
                oid int, typname text, typnamespace int, typowner int, typlen int2, typbyval bool,
                typtype text, typcategory text, typispreferred bool, typisdefined bool, typdelim text,
                typrelid int, typsubscript text, typelem int, typarray int, typinput text, typoutput text,
                typreceive text, typsend text, typmodin text, typmodout text, typanalyze text, typalign text,
                typstorage text, typnotnull bool, typbasetype int, typtypmod int, typndims int,
                typcollation int, typdefaultbin text, typdefault text, typacl text""",
                scan -> PgType.ALL.stream().map(t -> row(t.oid(), t.name(), PG_CATALOG_OID, OWNER_OID,
                        t.length(), t.length() > 0 && t.length() <= 8, "b", String.valueOf(t.category()), false,
                        true, ",", 0, t.isArray() ? "array_subscript_handler" : "-", t.elementOid(),
                        t.arrayOid(), t.input(), t.input().replace("in", "out"), t.input().replace("in", "recv"),
                        t.input().replace("in", "send"), "-", "-", "-", t.length() == 8 ? "d" : "i",
                        t.length() == -1 ? "x" : "p", false, 0, -1, 0, t.collation(), null, null, null)));
        b.table(PG_CATALOG, "pg_database", 1262, """
                oid int, datname text, datdba int, encoding int, datlocprovider text, datistemplate bool,
                datallowconn bool, datconnlimit int, datfrozenxid int, datminmxid int, dattablespace int,
                datcollate text, datctype text, daticulocale text, daticurules text, datcollversion text,
                datacl text[]""",
                scan -> Stream.<Object[]>of(row(DATABASE_OID, DATABASE, OWNER_OID, 6, "c", false, true, -1, 0,
                        0, 1663, "C.UTF-8", "C.UTF-8", null, null, null, null)));
        b.table(PG_CATALOG, "pg_roles", 0, """
                rolname text, rolsuper bool, rolinherit bool, rolcreaterole bool, rolcreatedb bool,
                rolcanlogin bool, rolreplication bool, rolconnlimit int, rolpassword text, rolvaliduntil text,
                rolbypassrls bool, rolconfig text, oid int""",
                scan -> roles(scan).stream());
        b.table(PG_CATALOG, "pg_user", 0, """
                usename text, usesysid int, usecreatedb bool, usesuper bool, userepl bool, usebypassrls bool,
                passwd text, valuntil text, useconfig text""",
                scan -> roles(scan).stream().map(r -> row(r[0], r[12], false, false, false, false, "********",
                        null, null)));
        b.table(PG_CATALOG, "pg_am", 2601, "oid int, amname text, amhandler text, amtype text",
                scan -> Stream.of(row(2, "heap", "heap_tableam_handler", "t"),
                        row(403, "btree", "bthandler", "i")));
        b.table(PG_CATALOG, "pg_collation", 3456, """
                oid int, collname text, collnamespace int, collowner int, collprovider text,
                collisdeterministic bool, collencoding int, collcollate text, collctype text, colliculocale text,
                collversion text""",
                scan -> Stream.<Object[]>of(row(PgType.DEFAULT_COLLATION, "default", PG_CATALOG_OID, OWNER_OID, "d",
                        true, -1, null, null, null, null)));
        b.table(PG_CATALOG, "pg_settings", 0, """
                name text, setting text, unit text, category text, short_desc text, extra_desc text,
                context text, vartype text, source text, min_val text, max_val text, boot_val text,
                reset_val text""",
                scan -> settings().entrySet().stream().map(e -> row(e.getKey(), e.getValue(), null,
                        "Preset Options", null, null, "internal", "string", "default", null, null, e.getValue(),
                        e.getValue())));
        // The descriptions of configured views; Sluice keeps no other comments.
        b.table(PG_CATALOG, "pg_description", 2609, "objoid int, classoid int, objsubid int, description text",
                scan -> scan.catalog().views().stream().filter(v -> v.description().isPresent())
                        .map(v -> row(v.oid(), 1259, 0, v.description().get())));
        // The configured views; the definition only for users who may read all the view reads.
        b.table(PG_CATALOG, "pg_views", 0, "schemaname text, viewname text, viewowner text, definition text",
                scan -> scan.catalog().views().stream()
                        .map(v -> row(v.namespace().name(), v.name(), OWNER, v.definition().orElse(null))));
        b.empty(PG_CATALOG, "pg_attrdef", 2604, "oid int, adrelid int, adnum int2, adbin text");
        // One row per source primary key (the only index Sluice knows of), so that reflection finds keys;
        // pg_class lists the index relations too.
        b.table(PG_CATALOG, "pg_index", 2610, """
                indexrelid int, indrelid int, indnatts int2, indnkeyatts int2, indisunique bool,
                indnullsnotdistinct bool, indisprimary bool, indisexclusion bool, indimmediate bool,
                indisclustered bool, indisvalid bool, indcheckxmin bool, indisready bool, indislive bool,
                indisreplident bool, indkey int2[], indcollation text, indclass text, indoption int2[],
                indexprs text, indpred text""",
                scan -> scan.catalog().primaryKeyIndexes().stream()
                        .map(k -> row(k.oid(), k.table().oid(), k.key().size(), k.key().size(), true, false, true,
                                false, true, false, true, false, true, true, false, k.key(), null, null,
                                // Every key column ascending, nulls last: option bits 0.
                                k.key().stream().map(column -> (short) 0).toList(), null, null)));
        // The PRIMARY KEY constraints behind those indexes (pgjdbc's getPrimaryKeys reads these).
        b.table(PG_CATALOG, "pg_constraint", 2606, """
                oid int, conname text, connamespace int, contype text, condeferrable bool, condeferred bool,
                convalidated bool, conrelid int, contypid int, conindid int, conparentid int, confrelid int,
                confupdtype text, confdeltype text, confmatchtype text, conislocal bool, coninhcount int,
                connoinherit bool, conkey int2[], confkey int2[], conbin text""",
                scan -> scan.catalog().primaryKeyIndexes().stream()
                        .map(k -> row(k.constraintOid(), k.name(), k.table().namespace().oid(), "p", false, false,
                                true, k.table().oid(), 0, k.oid(), 0, 0, " ", " ", " ", true, 0, true, k.key(), null,
                                null)));
        b.empty(PG_CATALOG, "pg_inherits", 2611,
                "inhrelid int, inhparent int, inhseqno int, inhdetachpending bool");
        b.empty(PG_CATALOG, "pg_trigger", 2620,
                "oid int, tgrelid int, tgparentid int, tgname text, tgfoid int, tgtype int2, tgenabled text");
        b.empty(PG_CATALOG, "pg_rewrite", 2618, "oid int, rulename text, ev_class int, ev_type text");
        b.empty(PG_CATALOG, "pg_proc", 1255, """
                oid int, proname text, pronamespace int, proowner int, prolang int, prokind text,
                prorettype int, proargtypes text""");
        b.empty(PG_CATALOG, "pg_sequence", 2224, """
                seqrelid int, seqtypid int, seqstart int8, seqincrement int8, seqmax int8, seqmin int8,
                seqcache int8, seqcycle bool""");
        b.empty(PG_CATALOG, "pg_enum", 3501, "oid int, enumtypid int, enumsortorder float4, enumlabel text");
        b.empty(PG_CATALOG, "pg_tablespace", 1213, "oid int, spcname text, spcowner int");
        b.empty(PG_CATALOG, "pg_policy", 3256, """
                oid int, polname text, polrelid int, polcmd text, polpermissive bool, polroles int[],
                polqual text, polwithcheck text""");
        b.empty(PG_CATALOG, "pg_statistic_ext", 3381, """
                oid int, stxrelid int, stxname text, stxnamespace int, stxowner int, stxstattarget int,
                stxkeys int2[], stxkind char[]""");
        b.empty(PG_CATALOG, "pg_publication", 6104, """
                oid int, pubname text, pubowner int, puballtables bool, pubinsert bool, pubupdate bool,
                pubdelete bool, pubtruncate bool, pubviaroot bool""");
        b.empty(PG_CATALOG, "pg_publication_namespace", 6237, "oid int, pnpubid int, pnnspid int");
        b.empty(PG_CATALOG, "pg_publication_rel", 6106,
                "oid int, prpubid int, prrelid int, prqual text, prattrs int2[]");

        // information_schema (SQL standard views), over the same snapshot.
        b.table(INFORMATION_SCHEMA, "schemata", 0, """
                catalog_name text, schema_name text, schema_owner text, default_character_set_catalog text,
                default_character_set_schema text, default_character_set_name text, sql_path text""",
                scan -> scan.catalog().namespaces().stream()
                        .map(n -> row(DATABASE, n.name(), OWNER, null, null, null, null)));
        b.table(INFORMATION_SCHEMA, "tables", 0, """
                table_catalog text, table_schema text, table_name text, table_type text,
                self_referencing_column_name text, reference_generation text, user_defined_type_catalog text,
                user_defined_type_schema text, user_defined_type_name text, is_insertable_into text,
                is_typed text, commit_action text""",
                scan -> scan.catalog().relations().stream().map(r -> row(DATABASE, r.namespace().name(), r.name(),
                        r.kind() == 'v' ? "VIEW" : "BASE TABLE", null, null, null, null, null, "NO", "NO", null)));
        b.table(INFORMATION_SCHEMA, "views", 0, """
                table_catalog text, table_schema text, table_name text, view_definition text, check_option text,
                is_updatable text, is_insertable_into text, is_trigger_updatable text, is_trigger_deletable text,
                is_trigger_insertable_into text""",
                scan -> scan.catalog().views().stream().map(v -> row(DATABASE, v.namespace().name(), v.name(),
                        v.definition().orElse(null), "NONE", "NO", "NO", "NO", "NO", "NO")));
        b.table(INFORMATION_SCHEMA, "columns", 0, """
                table_catalog text, table_schema text, table_name text, column_name text,
                ordinal_position int, column_default text, is_nullable text, data_type text,
                character_maximum_length int, character_octet_length int, numeric_precision int,
                numeric_precision_radix int, numeric_scale int, datetime_precision int, udt_catalog text,
                udt_schema text, udt_name text, is_identity text, is_generated text, is_updatable text""",
                scan -> scan.catalog().attributes(true).stream().map(SystemSchemas::columnRow));
        return b.definitions;
    }

    private static Object[] classRow(Relation r) {
        return row(r.oid(), r.name(), r.namespace().oid(), 0, 0, OWNER_OID, r.kind() == 'r' ? 2 : 0, r.oid(), 0,
                0, r.tuples(), 0, 0, false, false, "p", String.valueOf(r.kind()),
                r.systemColumns() == null ? 0 : r.systemColumns().size(), 0, false, false, false, false, false,
                true, "d", false, 0, null, null, null);
    }

    /** A primary-key index as a relation of kind 'i' (btree), so {@code pg_index.indexrelid} finds its name. */
    private static Object[] indexClassRow(PrimaryKeyIndex k) {
        return row(k.oid(), k.name(), k.table().namespace().oid(), 0, 0, OWNER_OID, 403, k.oid(), 0, 0,
                k.table().tuples(), 0, 0, false, false, "p", "i", k.key().size(), 0, false, false, false, false,
                false, true, "n", false, 0, null, null, null);
    }

    private static Object[] attributeRow(Attribute a) {
        PgType type = a.type().type();
        return row(a.relation().oid(), a.name(), type.oid(), -1, type.length(), a.number(), type.isArray() ? 1 : 0,
                -1, a.type().typmod(), type.length() > 0 && type.length() <= 8, type.length() == 8 ? "d" : "i",
                type.length() == -1 ? "x" : "p", "", a.notNull(), false, false, "", "", false, true, 0,
                type.collation(), null, null, null, null);
    }

    private static Object[] columnRow(Attribute a) {
        PgType type = a.type().type();
        int typmod = a.type().typmod();
        Integer length = (type.oid() == PgType.VARCHAR || type.oid() == PgType.BPCHAR) && typmod > 0
                ? typmod - 4 : null;
        Integer precision = switch (type.oid()) {
            case PgType.INT2 -> 16;
            case PgType.INT4 -> 32;
            case PgType.INT8 -> 64;
            case PgType.FLOAT4 -> 24;
            case PgType.FLOAT8 -> 53;
            case PgType.NUMERIC -> typmod > 0 ? (typmod - 4) >> 16 : null;
            default -> null;
        };
        Integer scale = switch (type.oid()) {
            case PgType.INT2, PgType.INT4, PgType.INT8 -> 0;
            case PgType.NUMERIC -> typmod > 0 ? (typmod - 4) & 0xffff : null;
            default -> null;
        };
        Integer radix = precision == null ? null : type.oid() == PgType.NUMERIC ? 10 : 2;
        String dataType = type.isArray() ? "ARRAY" : type.sqlName();
        return row(DATABASE, a.relation().namespace().name(), a.relation().name(), a.name(), (int) a.number(), null,
                a.notNull() ? "NO" : "YES", dataType, length, length == null ? null : length * 4, precision, radix,
                scale, null, DATABASE, "pg_catalog", type.name(), "NO", "NEVER", "NO");
    }

    /** The owner of everything, and the user asking (so {@code pg_roles} knows who is connected). */
    private static List<Object[]> roles(SystemTable.Scan scan) {
        Map<String, Integer> roles = new LinkedHashMap<>();
        roles.put(OWNER, OWNER_OID);
        if (!scan.user().isEmpty()) {
            roles.putIfAbsent(scan.user(), CatalogSnapshot.oid("role", scan.user()));
        }
        List<Object[]> rows = new ArrayList<>();
        roles.forEach((name, oid) -> rows.add(row(name, false, true, false, false, true, false, -1, "********",
                null, false, null, oid)));
        return rows;
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("max_index_keys", "32");
        settings.put("max_identifier_length", "63");
        settings.put("server_version", "16.4 (Sluice)");
        settings.put("server_version_num", "160004");
        settings.put("server_encoding", "UTF8");
        settings.put("standard_conforming_strings", "on");
        return settings;
    }
}
