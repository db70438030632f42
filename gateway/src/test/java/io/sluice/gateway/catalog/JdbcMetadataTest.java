package io.sluice.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** pgjdbc's DatabaseMetaData, which tools such as DBeaver and IntelliJ browse with, against Sluice. */
class JdbcMetadataTest {
    static CatalogGateway gateway;

    @BeforeAll
    static void start() {
        gateway = CatalogGateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void getSchemasListsOneSchemaPerSourceAndTheSystemSchemas() throws Exception {
        try (Connection c = gateway.connect(); ResultSet rs = c.getMetaData().getSchemas()) {
            List<String> schemas = new ArrayList<>();
            while (rs.next()) {
                schemas.add(rs.getString("TABLE_SCHEM"));
                assertThat(rs.getString("TABLE_CATALOG")).isEqualTo("sluice");
            }
            assertThat(schemas).contains("crm", "lake", "sales", "pg_catalog", "information_schema");
            assertThat(schemas).isSorted();
        }
    }

    @Test
    void getTablesListsTheTablesOfASource() throws Exception {
        try (Connection c = gateway.connect();
             ResultSet rs = c.getMetaData().getTables(null, "sales", "%", new String[] {"TABLE"})) {
            Map<String, String> tables = new LinkedHashMap<>();
            while (rs.next()) {
                assertThat(rs.getString("TABLE_SCHEM")).isEqualTo("sales");
                tables.put(rs.getString("TABLE_NAME"), rs.getString("TABLE_TYPE"));
            }
            assertThat(tables).containsEntry("orders", "TABLE").containsEntry("lineitem", "TABLE")
                    .containsEntry("partsupp", "TABLE").doesNotContainKey("customer");
        }
    }

    @Test
    void getTablesWithoutFiltersSeparatesUserAndSystemTables() throws Exception {
        try (Connection c = gateway.connect(); ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
            Map<String, String> types = new LinkedHashMap<>();
            while (rs.next()) {
                types.put(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"), rs.getString("TABLE_TYPE"));
            }
            assertThat(types).containsEntry("crm.customer", "TABLE").containsEntry("lake.nation", "TABLE")
                    .containsEntry("pg_catalog.pg_class", "SYSTEM TABLE")
                    .containsEntry("information_schema.columns", "SYSTEM VIEW");
        }
    }

    @Test
    void getColumnsDescribesEachColumnWithItsType() throws Exception {
        try (Connection c = gateway.connect();
             ResultSet rs = c.getMetaData().getColumns(null, "crm", "customer", "%")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                String name = rs.getString("COLUMN_NAME");
                names.add(name);
                assertThat(rs.getInt("ORDINAL_POSITION")).isEqualTo(names.size());
                switch (name) {
                    case "c_custkey" -> {
                        assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.BIGINT);
                        assertThat(rs.getString("TYPE_NAME")).isEqualTo("int8");
                        assertThat(rs.getString("IS_NULLABLE")).isEqualTo("NO");
                    }
                    case "c_name" -> {
                        assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.VARCHAR);
                        assertThat(rs.getString("TYPE_NAME")).isEqualTo("varchar");
                        assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(25);
                    }
                    case "c_acctbal" -> {
                        assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.NUMERIC);
                        assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(15);
                        assertThat(rs.getInt("DECIMAL_DIGITS")).isEqualTo(2);
                    }
                    default -> { }
                }
            }
            assertThat(names).containsExactly("c_custkey", "c_name", "c_address", "c_nationkey", "c_phone",
                    "c_acctbal", "c_mktsegment", "c_comment");
        }
    }

    @Test
    void columnsOfAFileTableMatchWhatASelectReturns() throws Exception {
        try (Connection c = gateway.connect()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> described = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, "lake", "region", null)) {
                while (rs.next()) {
                    described.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME"));
                }
            }
            List<String> selected = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select * from lake.region")) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    selected.add(rs.getMetaData().getColumnName(i) + ":" + rs.getMetaData().getColumnTypeName(i));
                }
            }
            assertThat(described).isNotEmpty().isEqualTo(selected);
        }
    }

    @Test
    void getTypeInfoListsTheTypesColumnsUse() throws Exception {
        try (Connection c = gateway.connect(); ResultSet rs = c.getMetaData().getTypeInfo()) {
            Map<String, Integer> types = new LinkedHashMap<>();
            while (rs.next()) {
                types.put(rs.getString("TYPE_NAME"), rs.getInt("DATA_TYPE"));
            }
            assertThat(types).containsEntry("int4", Types.INTEGER).containsEntry("int8", Types.BIGINT)
                    .containsEntry("varchar", Types.VARCHAR).containsEntry("numeric", Types.NUMERIC)
                    .containsEntry("date", Types.DATE).containsEntry("bool", Types.BIT);
        }
    }

    @Test
    void informationSchemaAndHelperFunctionsAnswer() throws Exception {
        try (Connection c = gateway.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("""
                    select column_name, data_type, character_maximum_length from information_schema.columns
                    where table_schema = 'crm' and table_name = 'customer' order by ordinal_position""")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("c_custkey");
                assertThat(rs.getString(2)).isEqualTo("bigint");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).isEqualTo("character varying");
                assertThat(rs.getInt(3)).isEqualTo(25);
            }
            try (ResultSet rs = s.executeQuery("select version(), current_database(), current_user,"
                    + " pg_catalog.format_type(1043, 29), pg_catalog.pg_encoding_to_char(6),"
                    + " has_table_privilege('crm.customer', 'select')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("PostgreSQL 16.4");
                assertThat(rs.getString(2)).isEqualTo("sluice");
                assertThat(rs.getString(3)).isEqualTo(CatalogGateway.USER);
                assertThat(rs.getString(4)).isEqualTo("character varying(25)");
                assertThat(rs.getString(5)).isEqualTo("UTF8");
                assertThat(rs.getBoolean(6)).isTrue();
            }
            try (ResultSet rs = s.executeQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n"
                    + " ON n.oid = c.relnamespace WHERE n.nspname = 'crm' AND c.relkind in ('r', 'p') ORDER BY 1")) {
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
                assertThat(names).containsExactly("customer", "part", "supplier");
            }
            try (ResultSet rs = s.executeQuery("""
                    select c.relname, has_table_privilege(c.oid, 'SELECT'), obj_description(c.oid, 'pg_class'),
                           pg_catalog.pg_table_is_visible(c.oid), pg_catalog.pg_get_userbyid(c.relowner)
                    from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'lake' and c.relname = 'nation'""")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("nation");
                assertThat(rs.getBoolean(2)).isTrue();
                assertThat(rs.getString(3)).isNull();
                assertThat(rs.getBoolean(4)).isTrue();
                assertThat(rs.getString(5)).isEqualTo("sluice");
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = s.executeQuery("select current_schema(), current_catalog")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isNull();
                assertThat(rs.getString(2)).isEqualTo("sluice");
            }
        }
    }

    @Test
    void getPrimaryKeysNamesTheKeyColumnWithItsPositionAndIndex() throws Exception {
        assertThat(primaryKey("sales", "orders")).containsExactly("o_orderkey:1:orders_pkey");
    }

    @Test
    void getPrimaryKeysListsEachColumnOfACompositeKeyInKeyOrder() throws Exception {
        assertThat(primaryKey("sales", "lineitem"))
                .containsExactly("l_orderkey:1:lineitem_pkey", "l_linenumber:2:lineitem_pkey");
        assertThat(primaryKey("sales", "partsupp"))
                .containsExactly("ps_partkey:1:partsupp_pkey", "ps_suppkey:2:partsupp_pkey");
    }

    @Test
    void getPrimaryKeysIsEmptyForATableWithoutAKey() throws Exception {
        assertThat(primaryKey("lake", "nation")).isEmpty();
    }

    @Test
    void olderPgjdbcPrimaryKeyQueryOverPgIndexFindsTheKey() throws Exception {
        // pgjdbc before 42.7 read keys from pg_index rather than pg_constraint (the text it sends, line breaks added).
        String sql = """
                SELECT result.TABLE_CAT AS "TABLE_CAT", result.TABLE_SCHEM AS "TABLE_SCHEM",
                  result.TABLE_NAME AS "TABLE_NAME", result.COLUMN_NAME AS "COLUMN_NAME",
                  result.KEY_SEQ AS "KEY_SEQ", result.PK_NAME AS "PK_NAME"FROM                 (SELECT current_database() AS TABLE_CAT, n.nspname AS TABLE_SCHEM, ct.relname AS TABLE_NAME,
                  a.attname AS COLUMN_NAME, (information_schema._pg_expandarray(i.indkey)).n AS KEY_SEQ,
                  ci.relname AS PK_NAME, information_schema._pg_expandarray(i.indkey) AS KEYS, a.attnum AS A_ATTNUM,
                  i.indnkeyatts as KEY_COUNT FROM pg_catalog.pg_class ct
                  JOIN pg_catalog.pg_attribute a ON (ct.oid = a.attrelid)
                  JOIN pg_catalog.pg_namespace n ON (ct.relnamespace = n.oid)
                  JOIN pg_catalog.pg_index i ON ( a.attrelid = i.indrelid)
                  JOIN pg_catalog.pg_class ci ON (ci.oid = i.indexrelid)
                WHERE true  AND n.nspname = 'sales' AND ct.relname = 'lineitem' AND i.indisprimary  ) result
                where  result.A_ATTNUM = (result.KEYS).x AND result.KEY_SEQ <= KEY_COUNT
                ORDER BY result.table_name, result.pk_name, result.key_seq""";
        try (Connection c = gateway.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> columns = new ArrayList<>();
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("KEY_SEQ") + ":" + rs.getString("PK_NAME"));
            }
            assertThat(columns).containsExactly("l_orderkey:1:lineitem_pkey", "l_linenumber:2:lineitem_pkey");
        }
    }

    @Test
    void getIndexInfoListsThePrimaryKeyIndexWithEachKeyColumn() throws Exception {
        try (Connection c = gateway.connect();
             ResultSet rs = c.getMetaData().getIndexInfo(null, "sales", "partsupp", false, false)) {
            List<String> positions = new ArrayList<>();
            while (rs.next()) {
                assertThat(rs.getBoolean("NON_UNIQUE")).isFalse();
                assertThat(rs.getString("ASC_OR_DESC")).isEqualTo("A");
                positions.add(rs.getString("INDEX_NAME") + ":" + rs.getInt("ORDINAL_POSITION") + ":"
                        + rs.getString("COLUMN_NAME"));
            }
            assertThat(positions).containsExactly("partsupp_pkey:1:ps_partkey", "partsupp_pkey:2:ps_suppkey");
        }
        try (Connection c = gateway.connect();
             ResultSet rs = c.getMetaData().getIndexInfo(null, "lake", "nation", false, false)) {
            assertThat(rs.next()).isFalse();
        }
        try (Connection c = gateway.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                select pg_get_indexdef(i.indexrelid, 0, true) from pg_index i join pg_class c on c.oid = i.indrelid
                join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'sales' and c.relname = 'lineitem'""")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1))
                    .isEqualTo("CREATE UNIQUE INDEX lineitem_pkey ON sales.lineitem USING btree (l_orderkey, l_linenumber)");
        }
    }

    /** Each key column as {@code column:KEY_SEQ:PK_NAME}, in the order pgjdbc returns them. */
    private static List<String> primaryKey(String schema, String table) throws Exception {
        try (Connection c = gateway.connect(); ResultSet rs = c.getMetaData().getPrimaryKeys(null, schema, table)) {
            List<String> columns = new ArrayList<>();
            while (rs.next()) {
                assertThat(rs.getString("TABLE_SCHEM")).isEqualTo(schema);
                assertThat(rs.getString("TABLE_NAME")).isEqualTo(table);
                columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("KEY_SEQ") + ":" + rs.getString("PK_NAME"));
            }
            return columns;
        }
    }
}
