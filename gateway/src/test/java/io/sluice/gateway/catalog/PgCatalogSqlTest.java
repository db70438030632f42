package io.sluice.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PgCatalogSqlTest {
    @Test
    void statementsWithoutPostgresOnlySpellingsComeBackUnchanged() {
        String sql = "select o_orderkey from sales.orders where o_comment like '%::regclass%'";
        assertThat(PgCatalogSql.normalise(sql)).isSameAs(sql);
        assertThat(PgCatalogSql.normalise("select 1")).isEqualTo("select 1");
    }

    @Test
    void operatorSyntaxBecomesThePlainOperator() {
        assertThat(PgCatalogSql.normalise("WHERE c.relname OPERATOR(pg_catalog.~) '^(orders)$' AND x"))
                .isEqualTo("WHERE c.relname ~ '^(orders)$' AND x");
        assertThat(PgCatalogSql.normalise("a OPERATOR( pg_catalog . !~ ) b")).isEqualTo("a !~ b");
    }

    @Test
    void defaultCollationIsDropped() {
        assertThat(PgCatalogSql.normalise("WHERE c.relname ~ '^(orders)$' COLLATE pg_catalog.default\n  AND y"))
                .isEqualTo("WHERE c.relname ~ '^(orders)$' \n  AND y");
    }

    @Test
    void regclassAndRegprocLiteralsBecomeValues() {
        assertThat(PgCatalogSql.normalise("d.classoid = 'pg_class'::regclass)"))
                .isEqualTo("d.classoid = 1259)");
        assertThat(PgCatalogSql.normalise("d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass"))
                .isEqualTo("d.classoid = 1259");
        assertThat(PgCatalogSql.normalise("SELECT typinput='pg_catalog.array_in'::regproc as is_array"))
                .isEqualTo("SELECT typinput='array_in' as is_array");
    }

    @Test
    void qualifiedTypeNamesLoseTheirSchemaAndArrayCastsGo() {
        assertThat(PgCatalogSql.normalise("c.reloftype::pg_catalog.regtype::pg_catalog.text"))
                .isEqualTo("c.reloftype::regtype::text");
        assertThat(PgCatalogSql.normalise("array_upper(pr.prattrs::pg_catalog.int2[], 1)"))
                .isEqualTo("array_upper(pr.prattrs, 1)");
    }

    @Test
    void stringsAndQuotedNamesAreLeftAlone() {
        assertThat(PgCatalogSql.normalise("select 'OPERATOR(pg_catalog.~)' as \"COLLATE pg_catalog.default\", x::text"))
                .isEqualTo("select 'OPERATOR(pg_catalog.~)' as \"COLLATE pg_catalog.default\", x::text");
        assertThat(PgCatalogSql.normalise("select E'it''s\\n', y::pg_catalog.text"))
                .isEqualTo("select E'it''s\\n', y::text");
    }

    @Test
    void currentSchemaAndCatalogBecomeFunctionCalls() {
        assertThat(PgCatalogSql.normalise("select current_schema()"))
                .isEqualTo("select pg_catalog.\"current_schema\"()");
        assertThat(PgCatalogSql.normalise("select CURRENT_SCHEMA, current_catalog"))
                .isEqualTo("select pg_catalog.\"current_schema\"(), pg_catalog.current_database()");
        assertThat(PgCatalogSql.normalise("select t.current_schema from t")).isEqualTo("select t.current_schema from t");
    }

    @Test
    void castsOfSimpleOperandsKeepPostgresPrecedence() {
        assertThat(PgCatalogSql.normalise("select * from t where d < '1993-01-01'::date"))
                .isEqualTo("select * from t where d < CAST('1993-01-01' AS date)");
        assertThat(PgCatalogSql.normalise("select 1 + 2::int * 3")).isEqualTo("select 1 + CAST(2 AS int) * 3");
        assertThat(PgCatalogSql.normalise("select '12.50'::numeric(10, 2)"))
                .isEqualTo("select CAST('12.50' AS numeric(10, 2))");
        assertThat(PgCatalogSql.normalise("select (a + b)::int, x::double precision from t"))
                .isEqualTo("select (a + b)::int, x::double precision from t");
    }

    @Test
    void keywordAliasesBecomeQuotedLowerCaseNames() {
        assertThat(PgCatalogSql.normalise("select (select 1) AS DEFAULT,\n a.attnotnull from t"))
                .isEqualTo("select (select 1) AS \"default\",\n a.attnotnull from t");
        assertThat(PgCatalogSql.normalise("select x as User, y as value from t")).isEqualTo("select x as \"user\", y as \"value\" from t");
        String untouched = "select default_value, cast(x as varchar) as username from t where v = 'as default'";
        assertThat(PgCatalogSql.normalise(untouched)).isEqualTo(untouched);
    }

    @Test
    void castsOfFunctionCallsKeepPostgresPrecedence() {
        assertThat(PgCatalogSql.normalise("where s.seqrelid = pg_catalog.pg_get_serial_sequence(\n a.x::regclass::text, a.y\n)::regclass::oid"))
                .isEqualTo("where s.seqrelid = CAST(CAST(pg_catalog.pg_get_serial_sequence(\n a.x::regclass::text, a.y\n) AS regclass) AS oid)");
        assertThat(PgCatalogSql.normalise("select x in (1, 2)::int, exists (select 1)::int"))
                .isEqualTo("select x in (1, 2)::int, exists (select 1)::int");
    }

    @Test
    void selectListUnnestBecomesALateralUnnestJoin() {
        assertThat(PgCatalogSql.normalise("""
                SELECT a.attname FROM pg_attribute a JOIN (
                    SELECT unnest(ix.indkey) attnum, generate_subscripts(ix.indkey, 1) ord
                    FROM pg_index ix WHERE ix.indrelid = 5 AND ix.indisprimary) k ON a.attnum=k.attnum"""))
                .isEqualTo("SELECT a.attname FROM pg_attribute a JOIN (\n"
                        + "    SELECT sluice_unnest.attnum AS attnum, sluice_unnest.ord AS ord FROM pg_index ix "
                        + " CROSS JOIN UNNEST(ix.indkey) WITH ORDINALITY AS sluice_unnest(attnum, ord) "
                        + "WHERE ix.indrelid = 5 AND ix.indisprimary) k ON a.attnum=k.attnum");
        assertThat(PgCatalogSql.normalise("select unnest(t.a) as x from t"))
                .isEqualTo("select sluice_unnest.x AS x from t CROSS JOIN UNNEST(t.a) AS sluice_unnest(x) ");
        String joined = "select unnest(t.a) x from t, u";
        assertThat(PgCatalogSql.normalise(joined)).isEqualTo(joined);
    }

    @Test
    void expandArrayRecordFieldsBecomeColumnsOfALateralUnnestJoin() {
        // pgjdbc's getPrimaryKeys, cut down: the record's n in the select list, the whole record under
        // an alias whose x the outer query reads.
        assertThat(PgCatalogSql.normalise("""
                SELECT r.c FROM (SELECT a.attname AS c, (information_schema._pg_expandarray(i.indkey)).n AS seq,
                information_schema._pg_expandarray(i.indkey) AS KEYS, a.attnum AS num
                FROM pg_attribute a JOIN pg_index i ON (a.attrelid = i.indrelid) WHERE i.indisprimary) r
                WHERE r.num = (r.KEYS).x ORDER BY r.seq"""))
                .isEqualTo("SELECT r.c FROM (SELECT a.attname AS c, sluice_expand.n AS seq,\n"
                        + "sluice_expand.x AS KEYS, a.attnum AS num\n"
                        + "FROM pg_attribute a JOIN pg_index i ON (a.attrelid = i.indrelid)"
                        + "  CROSS JOIN UNNEST(i.indkey) WITH ORDINALITY AS sluice_expand(x, n) "
                        + "WHERE i.indisprimary) r\nWHERE r.num = r.KEYS ORDER BY r.seq");
        // No FROM clause left to close: the join goes at the end.
        assertThat(PgCatalogSql.normalise("select (_pg_expandarray(t.a)).x from t"))
                .isEqualTo("select sluice_expand.x from t CROSS JOIN UNNEST(t.a) WITH ORDINALITY AS sluice_expand(x, n) ");
    }

    @Test
    void expandArrayShapesItCannotRewriteAreLeftAlone() {
        String twoArrays = "select (_pg_expandarray(t.a)).n, (_pg_expandarray(t.b)).n from t";
        String wholeRecordUsed = "select r.k from (select _pg_expandarray(t.a) AS k from t) r";
        String otherField = "select (_pg_expandarray(t.a)).y from t";
        String noFrom = "select (_pg_expandarray(array[1, 2])).n";
        for (String sql : new String[] {twoArrays, wholeRecordUsed, otherField, noFrom}) {
            assertThat(PgCatalogSql.normalise(sql)).as(sql).isEqualTo(sql);
        }
    }
}
