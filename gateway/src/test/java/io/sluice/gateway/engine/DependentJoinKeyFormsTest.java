package io.sluice.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connectors.Sources;
import io.sluice.connectors.config.Secret;
import io.sluice.connectors.config.SourceConfig;
import io.sluice.connectors.config.SourceType;
import io.sluice.gateway.config.Limits;
import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.demo.DemoDatabases;
import io.sluice.gateway.engine.DependentJoinTest.Ran;
import io.sluice.gateway.testing.DemoEngines;
import io.sluice.gateway.testing.SharedDemoDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two ways a dependent join's keys reach a source, each against the real server: PostgreSQL
 * takes a batch as one array ({@code = ANY (?)}), MariaDB as one placeholder per key. The keys
 * here are strings with the characters an array literal must escape, so a wrong literal either
 * fails or loses matches; every answer is compared with the engine with dependent joins off.
 */
class DependentJoinKeyFormsTest {
    private static final String SCRATCH = "scratch_keys";
    private static final int ROWS = 6_000;

    static Engine engine;
    static Engine off;
    /** At most 100 keys as IN lists, the default as arrays. */
    static Engine fewInListKeys;

    @BeforeAll
    static void start() throws Exception {
        DemoDatabases databases = SharedDemoDatabases.get();
        // The same codes on both sides: quotes, backslashes, commas and braces, and a plain one.
        String code = "case id % 4 when 0 then concat('q\"', id) when 1 then concat('b\\\\', id) "
                + "when 2 then concat('{a,b}', id) else concat('plain', id) end";
        try (Connection admin = databases.openPostgresAdmin(DemoDatabases.SALES);
             Statement statement = admin.createStatement()) {
            statement.execute("drop schema if exists " + SCRATCH + " cascade");
            statement.execute("create schema " + SCRATCH);
            statement.execute("create table " + SCRATCH + ".tags (code varchar(30) primary key, weight int not null)");
            statement.execute("insert into " + SCRATCH + ".tags select " + code.replace("\\\\", "\\")
                    + ", id % 1000 from generate_series(1, " + ROWS + ") id");
            statement.execute("analyze " + SCRATCH + ".tags");
            // Three rows for each of 10,000 keys, and five for each of the 6,000 codes: worth
            // counting per key before a join.
            statement.execute("create table " + SCRATCH + ".counts (k int not null, code varchar(30) not null, "
                    + "v int not null)");
            statement.execute("insert into " + SCRATCH + ".counts select id % 10000, "
                    + code.replace("\\\\", "\\").replace("id", "(id % 6000 + 1)")
                    + ", id from generate_series(1, 30000) id");
            statement.execute("analyze " + SCRATCH + ".counts");
            statement.execute("grant usage on schema " + SCRATCH + " to " + databases.user());
            statement.execute("grant select on all tables in schema " + SCRATCH + " to " + databases.user());
        }
        try (Connection admin = databases.openMariaDbAdmin(); Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + SCRATCH);
            statement.execute("create database " + SCRATCH);
            statement.execute("use " + SCRATCH); // the sequence engine's seq_1_to_n tables live in every database
            statement.execute("create table " + SCRATCH + ".items (id int primary key, code varchar(30) not null)");
            statement.execute("insert into " + SCRATCH + ".items select seq, " + code.replace("id", "seq")
                    + " from seq_1_to_" + ROWS);
            statement.execute("analyze table " + SCRATCH + ".items");
            statement.execute("grant select on " + SCRATCH + ".* to '" + databases.user() + "'@'%'");
        }
        List<SourceConfig> sources = List.of(
                SourceConfig.database("pg", SourceType.POSTGRESQL, databases.postgresJdbcUrl(), databases.user(),
                        new Secret(databases.password(), "test")).withSchemas(List.of(SCRATCH)),
                SourceConfig.database("maria", SourceType.MYSQL,
                        databases.mariadbJdbcUrl().replace("/" + DemoDatabases.CRM, "/" + SCRATCH), databases.user(),
                        new Secret(databases.password(), "test")));
        SluiceConfig config = new SluiceConfig(SharedDemoDatabases.testWorkRoot().resolve("keys.yaml"),
                SharedDemoDatabases.testWorkRoot(), sources, Limits.DEFAULTS).withAudit(DemoEngines.ownAuditLog());
        engine = Engine.start(config);
        off = Engine.start(config.withLimits(Limits.DEFAULTS.withoutDependentJoins())
                .withAudit(DemoEngines.ownAuditLog()));
        fewInListKeys = Engine.start(config.withLimits(Limits.DEFAULTS.withDependentJoinInListKeys(100)).withAudit(DemoEngines.ownAuditLog()));
    }

    @AfterAll
    static void stop() {
        engine.close();
        off.close();
        fewInListKeys.close();
    }

    @Test
    void postgresTakesStringKeysWithQuotesAndBackslashesAsOneArray() {
        String sql = """
                select count(*), sum(t.weight), min(t.code), max(t.code) from maria.items i
                join pg.tags t on t.code = i.code where i.id <= 400""";
        Ran ran = DependentJoinTest.run(engine, sql);

        assertThat(ran.rows()).isEqualTo(DependentJoinTest.run(off, sql).rows());
        assertThat(ran.rows().getFirst().getFirst()).isEqualTo(400L);
        assertThat(ran.to("pg")).singleElement().satisfies(f -> {
            assertThat(f.sql()).contains("\"code\" = ANY (?)");
            assertThat(f.rows()).isEqualTo(400);
        });
        assertThat(ran.notes()).singleElement().asString()
                .isEqualTo("dependent join on code: 400 distinct keys sent to pg in 1 query (as an array)");
    }

    @Test
    void postgresPlansEveryRunForItsKeys() throws Exception {
        // A generic plan would neither know the array's size nor hash it.
        try (Connection connection = Sources.pool(engine.catalog().sources().get("pg").orElseThrow()).getConnection();
             Statement statement = connection.createStatement();
             var rows = statement.executeQuery("select current_setting('plan_cache_mode')")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("force_custom_plan");
        }
    }

    @Test
    void mariaDbTakesKeysAsPlaceholdersInBatches() {
        String sql = """
                select count(*), sum(i.id) from pg.tags t
                join maria.items i on i.id = t.weight where t.weight between 1 and 299""";
        Ran ran = DependentJoinTest.run(engine, sql);

        assertThat(ran.rows()).isEqualTo(DependentJoinTest.run(off, sql).rows());
        assertThat((Long) ran.rows().getFirst().getFirst()).isPositive();
        assertThat(ran.to("maria")).hasSize(2).allSatisfy(f -> assertThat(f.sql()).contains("`id` IN (?, ?"));
        assertThat(ran.notes()).singleElement().asString()
                .isEqualTo("dependent join on id: 299 distinct keys sent to maria in 2 queries");
    }

    @Test
    void keysAsInListsAndAsArraysHaveALimitEach() {
        String toPostgres = """
                select count(*), sum(t.weight) from maria.items i
                join pg.tags t on t.code = i.code where i.id <= 400""";
        String toMariaDb = """
                select count(*), sum(i.id) from pg.tags t
                join maria.items i on i.id = t.weight where t.weight between 1 and 299""";

        Ran arrays = DependentJoinTest.run(fewInListKeys, toPostgres);
        Ran inLists = DependentJoinTest.run(fewInListKeys, toMariaDb);

        assertThat(arrays.rows()).isEqualTo(DependentJoinTest.run(off, toPostgres).rows());
        assertThat(arrays.notes()).singleElement().asString()
                .isEqualTo("dependent join on code: 400 distinct keys sent to pg in 1 query (as an array)");
        assertThat(inLists.rows()).isEqualTo(DependentJoinTest.run(off, toMariaDb).rows());
        assertThat(inLists.to("maria")).singleElement().satisfies(f -> assertThat(f.sql()).doesNotContain("?"));
        assertThat(inLists.notes()).singleElement().asString()
                .isEqualTo("dependent join on id: 299 distinct keys, more than 100; maria read without a key filter");
    }

    @Test
    void keysFilterAProbeSideSummedUpAtItsSource() {
        String sql = """
                select i.id, count(c.v), sum(c.v) from maria.items i
                left join pg.counts c on c.k = i.id where i.id <= 300 group by i.id""";
        Ran ran = DependentJoinTest.run(engine, sql);

        assertThat(ran.rows()).isEqualTo(DependentJoinTest.run(off, sql).rows());
        assertThat(ran.rows()).hasSize(300).allSatisfy(row -> assertThat(row.get(1)).isEqualTo(3L));
        assertThat(ran.to("pg")).singleElement().satisfies(f -> {
            assertThat(f.sql()).contains("GROUP BY \"k\"").contains("= ANY (?)");
            assertThat(f.rows()).isEqualTo(300);
        });
        assertThat(ran.notes()).singleElement().asString()
                .isEqualTo("dependent join on k: 300 distinct keys sent to pg in 1 query (as an array)");
    }

    @Test
    void stringKeysAreNotCountedAtTheSource() {
        // A collation may hold different strings equal (MariaDB's pad: 'a' = 'a '); one group
        // there could stand for keys that Sluice's join tells apart.
        String sql = """
                select i.id, count(c.v) from maria.items i
                left join pg.counts c on c.code = i.code where i.id <= 300 group by i.id""";
        Ran ran = DependentJoinTest.run(engine, sql);

        assertThat(ran.rows()).isEqualTo(DependentJoinTest.run(off, sql).rows());
        assertThat(ran.rows()).hasSize(300).allSatisfy(row -> assertThat(row.get(1)).isEqualTo(5L));
        assertThat(ran.to("pg")).singleElement().satisfies(f -> assertThat(f.sql()).doesNotContain("GROUP BY"));
    }
}
