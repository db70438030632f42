package io.sluice.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connectors.Sources;
import io.sluice.gateway.testing.DemoEngines;
import io.sluice.gateway.testing.SharedDemoDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.junit.jupiter.api.Test;

/** The seam for policies: a visibility predicate decides per user which source tables are listed. */
class CatalogVisibilityTest {

    @Test
    void hiddenTablesAndTheirColumnsAreNotListed() {
        CalciteSchema root = CalciteSchema.createRootSchema(false, false);
        try (Sources sources = Sources.open(DemoEngines.sources(SharedDemoDatabases.get()), root.plus())) {
            SystemSchemas.register(root.plus(), sources,
                    (session, table) -> session.user().equals("bob") && table.source().equals("sales")
                            ? Optional.empty() : Optional.of(column -> true));
            SchemaPlus pgCatalog = root.plus().subSchemas().get("pg_catalog");
            ScannableTable pgClass = (ScannableTable) pgCatalog.tables().get("pg_class");
            ScannableTable pgAttribute = (ScannableTable) pgCatalog.tables().get("pg_attribute");

            List<String> forAna = names(pgClass, "ana", 1);
            List<String> forBob = names(pgClass, "bob", 1);
            assertThat(forAna).contains("orders", "lineitem", "customer", "nation", "pg_class");
            assertThat(forBob).contains("customer", "nation", "pg_class").doesNotContain("orders", "lineitem");
            assertThat(names(pgAttribute, "ana", 1)).contains("o_orderkey", "c_custkey");
            assertThat(names(pgAttribute, "bob", 1)).contains("c_custkey").doesNotContain("o_orderkey");
        }
    }

    @Test
    void primaryKeysOfHiddenTablesAreNeitherListedNorDefined() {
        CalciteSchema root = CalciteSchema.createRootSchema(false, false);
        try (Sources sources = Sources.open(DemoEngines.sources(SharedDemoDatabases.get()), root.plus())) {
            SystemSchemas.register(root.plus(), sources,
                    (session, table) -> session.user().equals("bob") && table.source().equals("sales")
                            ? Optional.empty() : Optional.of(column -> true));
            SchemaPlus pgCatalog = root.plus().subSchemas().get("pg_catalog");
            ScannableTable pgClass = (ScannableTable) pgCatalog.tables().get("pg_class");
            ScannableTable pgConstraint = (ScannableTable) pgCatalog.tables().get("pg_constraint");

            assertThat(names(pgClass, "ana", 1)).contains("orders_pkey", "customer_pkey");
            assertThat(names(pgClass, "bob", 1)).contains("customer_pkey").doesNotContain("orders_pkey");
            assertThat(names(pgConstraint, "bob", 1)).contains("customer_pkey").doesNotContain("orders_pkey");
            int ordersIndex = 0;
            for (Object[] row : pgClass.scan(context("ana", root.plus()))) {
                ordersIndex = row[1].equals("orders_pkey") ? (Integer) row[0] : ordersIndex;
            }
            assertThat(IndexDefinitionFunction.definition(context("ana", root.plus()), ordersIndex, 1, false))
                    .isEqualTo("o_orderkey");
            assertThat(IndexDefinitionFunction.definition(context("bob", root.plus()), ordersIndex, 1, false)).isNull();
            assertThat(IndexDefinitionFunction.definition(context("bob", root.plus()), ordersIndex, 0, false)).isNull();
        }
    }

    @Test
    void oidsAreStableAcrossScans() {
        CalciteSchema root = CalciteSchema.createRootSchema(false, false);
        try (Sources sources = Sources.open(DemoEngines.sources(SharedDemoDatabases.get()), root.plus())) {
            SystemSchemas.register(root.plus(), sources);
            ScannableTable pgClass = (ScannableTable) root.plus().subSchemas().get("pg_catalog").tables()
                    .get("pg_class");
            List<String> first = new ArrayList<>();
            List<String> second = new ArrayList<>();
            pgClass.scan(context("ana")).forEach(r -> first.add(r[0] + ":" + r[1]));
            pgClass.scan(context("ana")).forEach(r -> second.add(r[0] + ":" + r[1]));
            assertThat(first).isNotEmpty().isEqualTo(second);
            assertThat(first).contains("1259:pg_class");
            assertThat(first.stream().map(s -> s.substring(0, s.indexOf(':'))).distinct()).hasSameSizeAs(first);
        }
    }

    private static List<String> names(ScannableTable table, String user, int column) {
        List<String> names = new ArrayList<>();
        table.scan(context(user)).forEach(row -> names.add((String) row[column]));
        return names;
    }

    private static DataContext context(String user) {
        return context(user, null);
    }

    private static DataContext context(String user, SchemaPlus root) {
        Map<String, Object> values = Map.of(DataContext.Variable.USER.camelName, user);
        return new DataContext() {
            @Override
            public SchemaPlus getRootSchema() {
                return root;
            }

            @Override
            public JavaTypeFactory getTypeFactory() {
                return new JavaTypeFactoryImpl();
            }

            @Override
            public QueryProvider getQueryProvider() {
                return null;
            }

            @Override
            public Object get(String name) {
                return values.get(name);
            }
        };
    }
}
