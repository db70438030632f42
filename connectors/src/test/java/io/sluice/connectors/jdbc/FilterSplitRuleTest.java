package io.sluice.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connectors.Sources;
import io.sluice.connectors.config.Secret;
import io.sluice.connectors.config.SourceConfig;
import io.sluice.connectors.config.SourceType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.RelBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilterSplitRuleTest {
    @TempDir
    Path dir;

    private Sources sources;
    private RelBuilder builder;

    @BeforeEach
    void setUp() throws Exception {
        Path db = dir.resolve("crm.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("create table customer (c_id integer primary key, c_name text)");
            s.execute("create table nation (n_id integer primary key, n_name text)");
        }
        Path files = Files.createDirectory(dir.resolve("files"));
        Files.writeString(files.resolve("orders.csv"), "o_id,c_id\n10,1\n");
        SchemaPlus root = CalciteSchema.createRootSchema(false, false).plus();
        sources = Sources.open(List.of(
                SourceConfig.database("crm", SourceType.SQLITE, "jdbc:sqlite:" + db, "", Secret.none()),
                SourceConfig.files("lake", files)), root);
        builder = RelBuilder.create(Frameworks.newConfigBuilder().defaultSchema(root).build());
    }

    @AfterEach
    void tearDown() {
        sources.close();
    }

    @Test
    void scanOfOneSourceTableHasThatSourcesCapabilities() {
        RelNode sqliteScan = builder.scan("crm", "main", "customer").build();
        RelNode filesScan = builder.scan("lake", "orders").build();

        Optional<PushdownCapabilities> sqlite = FilterSplitRule.singleSource(sqliteScan);
        Optional<PushdownCapabilities> lake = FilterSplitRule.singleSource(filesScan);

        RexNode ilike = builder.getRexBuilder().makeCall(SqlLibraryOperators.ILIKE,
                builder.getRexBuilder().makeInputRef(sqliteScan, 1), builder.getRexBuilder().makeLiteral("%a%"));
        assertThat(sqlite).get().satisfies(c -> assertThat(c.canEvaluate(ilike)).isFalse());
        assertThat(lake).get().satisfies(c -> assertThat(c.canEvaluate(ilike)).isTrue());
    }

    @Test
    void joinWithinOneSourceIsStillASingleSource() {
        RelNode join = builder.scan("crm", "customer").scan("crm", "nation")
                .join(JoinRelType.INNER, builder.equals(builder.field(2, 0, 0), builder.field(2, 1, 0)))
                .filter(builder.call(SqlStdOperatorTable.IS_NOT_NULL, builder.field(1)))
                .build();

        assertThat(FilterSplitRule.singleSource(join)).isPresent();
    }

    @Test
    void joinAcrossTwoSourcesHasNoSingleSource() {
        RelNode join = builder.scan("crm", "customer").scan("lake", "orders")
                .join(JoinRelType.INNER, builder.literal(true))
                .build();

        assertThat(FilterSplitRule.singleSource(join)).isEmpty();
    }

    @Test
    void planWithoutSourceTablesHasNoSingleSource() {
        RelNode values = builder.values(new String[] {"x"}, 1, 2).build();

        assertThat(FilterSplitRule.singleSource(values)).isEmpty();
    }
}
