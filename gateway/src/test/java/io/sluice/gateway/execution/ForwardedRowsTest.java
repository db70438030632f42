package io.sluice.gateway.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connectors.Sources;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.error.SqlState;
import io.sluice.gateway.planning.PlannedQuery;
import io.sluice.gateway.planning.ResultColumn;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.testing.DemoEngine;
import io.sluice.gateway.testing.DemoEngines;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Statements that one PostgreSQL source runs whole come back as the source encoded them, and
 * read as Java values they equal what Calcite's execution of the same statement gives.
 */
class ForwardedRowsTest {
    private static final String ORDERS = """
            select o_orderkey, o_custkey, o_orderstatus, o_totalprice, o_orderdate, o_shippriority, o_comment
            from sales.orders where o_orderkey < %s order by o_orderkey""";

    @RegisterExtension
    static final DemoEngine demo = DemoEngine.of(DemoEngines::config);

    @Test
    void wholeStatementOnPostgresComesAsTheSourceEncodedIt() {
        try (ResultCursor cursor = demo.engine().execute(ORDERS.formatted(2), SessionContext.localAdmin())) {
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.sourceEncodings()).hasValueSatisfying(encodings -> assertThat(encodings)
                    .extracting(SourceEncoding::typeName)
                    .containsExactly("int8", "int8", "varchar", "numeric", "date", "int4", "varchar"));
            List<String> text = Arrays.stream(cursor.encodedRow())
                    .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
            Object[] values = cursor.row();
            assertThat(text.get(0)).isEqualTo("1");
            assertThat(text.get(3)).isEqualTo(((java.math.BigDecimal) values[3]).toPlainString());
            assertThat(text.get(4)).isEqualTo(values[4].toString());
            assertThat(cursor.next()).isFalse();
            assertThat(cursor.fragments().notes()).contains("rows forwarded from sales as it encoded them, by COPY");
            assertThat(cursor.fragments().runs()).singleElement().satisfies(run -> assertThat(run.sql())
                    .startsWith("COPY (SELECT").endsWith(") TO STDOUT"));
        }
    }

    @Test
    void tabsNewlinesBackslashesAndNullsComeThroughCopyAsTheyWere() {
        // A real tab, backslash and newline in the string literal, all of which COPY's text
        // format escapes; '\N' is the two characters, not NULL.
        String tricky = "a\tb\\c\nd";
        String sql = "select o_orderkey, '" + tricky + "' as s, '\\N' as n, '' as e,"
                + " nullif(o_orderstatus, o_orderstatus) as z, 'Zürich' as u from sales.orders where o_orderkey < 30";
        int rows = 0;
        try (ResultCursor cursor = demo.engine().execute(sql, SessionContext.localAdmin())) {
            while (cursor.next()) {
                rows++;
                assertThat(cursor.sourceEncodings()).isPresent();
                assertThat(Arrays.asList(cursor.row()).subList(1, 6))
                        .containsExactly(tricky, "\\N", "", null, "Zürich");
            }
            assertThat(cursor.fragments().notes()).contains("rows forwarded from sales as it encoded them, by COPY");
        }
        assertThat(rows).isGreaterThan(5);
    }

    @Test
    void aCopyClosedBeforeItsEndOrCancelledLeavesEveryPooledConnectionUsable() throws Exception {
        String big = "select l_orderkey, l_comment from sales.lineitem";
        try (ResultCursor cursor = demo.engine().execute(big, SessionContext.localAdmin())) {
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.fragments().notes()).contains("rows forwarded from sales as it encoded them, by COPY");
        }
        try (ResultCursor cursor = demo.engine().execute(big, SessionContext.localAdmin())) {
            assertThat(cursor.next()).isTrue();
            cursor.cancel();
            assertThatThrownBy(cursor::next).isInstanceOf(SluiceException.class)
                    .satisfies(e -> assertThat(((SluiceException) e).state()).isEqualTo(SqlState.QUERY_CANCELED));
        }
        forEveryPooledConnection(connection -> {
            try (var statement = connection.createStatement();
                    var rows = statement.executeQuery("select count(*) from orders where o_orderkey < 10")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isPositive();
            }
            connection.rollback();
        });
    }

    private interface PooledCheck {
        void check(Connection connection) throws Exception;
    }

    /** Borrows all of sales' pooled connections at once, so the ones a statement used are among them. */
    private static void forEveryPooledConnection(PooledCheck check) throws Exception {
        var sales = demo.engine().catalog().sources().get("sales").orElseThrow();
        var pool = Sources.pool(sales);
        List<Connection> borrowed = new ArrayList<>();
        try {
            for (int i = 0; i < sales.config().maxConnections(); i++) {
                borrowed.add(pool.getConnection());
            }
            for (Connection connection : borrowed) {
                check.check(connection);
            }
        } finally {
            for (Connection connection : borrowed) {
                connection.close();
            }
        }
    }

    @Test
    void forwardedValuesEqualCalcitesExecution() {
        List<List<Object>> forwarded = new ArrayList<>();
        try (ResultCursor cursor = demo.engine().execute(ORDERS.formatted(300), SessionContext.localAdmin())) {
            while (cursor.next()) {
                assertThat(cursor.sourceEncodings()).isPresent();
                forwarded.add(Arrays.asList(cursor.row()));
            }
        }
        // With a parameter the statement runs through Calcite's compiled code.
        PlannedQuery withParameter = demo.engine().plan(ORDERS.formatted("?"), SessionContext.localAdmin());
        List<List<Object>> executed = new ArrayList<>();
        try (ResultCursor cursor = demo.engine().execute(withParameter, List.of(300), SessionContext.localAdmin())) {
            while (cursor.next()) {
                assertThat(cursor.sourceEncodings()).isEmpty();
                executed.add(Arrays.asList(cursor.row()));
            }
        }
        assertThat(forwarded).hasSizeGreaterThan(50).isEqualTo(executed);
        assertThat(forwarded.getFirst()).extracting(v -> v == null ? null : v.getClass().getSimpleName())
                .containsExactly("Long", "Long", "String", "BigDecimal", "LocalDate", "Integer", "String");
    }

    @Test
    void nullsAreForwardedAsNulls() {
        try (ResultCursor cursor = demo.engine().execute(
                "select o_orderkey, nullif(o_orderstatus, o_orderstatus) as gone from sales.orders where o_orderkey = 1",
                SessionContext.localAdmin())) {
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.sourceEncodings()).isPresent();
            assertThat(cursor.encodedRow()[1]).isNull();
            assertThat(cursor.row()[1]).isNull();
        }
    }

    @Test
    void aLookupByKeyRunsInAutoCommitAndLeavesThePoolAsItWas() throws Exception {
        try (ResultCursor cursor = demo.engine().execute(
                "select o_orderkey, o_totalprice from sales.orders where o_orderkey = 1", SessionContext.localAdmin())) {
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.row()[0]).isEqualTo(1L);
            assertThat(cursor.next()).isFalse();
            assertThat(cursor.fragments().notes())
                    .contains("rows forwarded from sales as it encoded them, in auto-commit: at most 1 rows");
        }
        // The next borrower still gets a transaction (cursor fetches need one), and read-only.
        forEveryPooledConnection(connection -> {
            assertThat(connection.getAutoCommit()).isFalse();
            connection.setAutoCommit(true);
            try (var statement = connection.createStatement();
                    var rows = statement.executeQuery("select current_setting('transaction_read_only') || ' ' || current_setting('default_transaction_read_only')")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).as("read-only in auto-commit too").isEqualTo("on on");
            }
        });
    }

    @Test
    void workLeftForSluiceIsNotForwarded() {
        try (ResultCursor cursor = demo.engine().execute("""
                select o.o_orderkey, c.c_name from sales.orders o join crm.customer c on c.c_custkey = o.o_custkey
                where o.o_orderkey = 1""", SessionContext.localAdmin())) {
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.sourceEncodings()).isEmpty();
        }
        try (ResultCursor cursor = demo.engine().execute("select c_name from crm.customer where c_custkey = 1",
                SessionContext.localAdmin())) {
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.sourceEncodings()).as("MariaDB rows are decoded").isEmpty();
        }
    }

    @Test
    void explainSaysWhenRowsAreForwarded() {
        assertThat(explain("explain " + ORDERS.formatted(10))).contains("Rows forwarded from sales");
        assertThat(explain("explain select o.o_orderkey, c.c_name from sales.orders o join crm.customer c"
                + " on c.c_custkey = o.o_custkey")).doesNotContain("forwarded");
    }

    private static String explain(String sql) {
        StringBuilder text = new StringBuilder();
        try (ResultCursor cursor = demo.engine().execute(sql, SessionContext.localAdmin())) {
            while (cursor.next()) {
                text.append(cursor.row()[0]).append('\n');
            }
        }
        return text.toString();
    }

    @Test
    void columnTypesWhoseTextDependsOnTheSessionAreNotForwarded() {
        assertThat(ForwardedRows.forwardable(List.of(column(SqlTypeName.BIGINT), column(SqlTypeName.DECIMAL),
                column(SqlTypeName.DATE), column(SqlTypeName.VARCHAR)))).isTrue();
        for (SqlTypeName type : List.of(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, SqlTypeName.INTERVAL_DAY,
                SqlTypeName.VARBINARY, SqlTypeName.ARRAY)) {
            assertThat(ForwardedRows.forwardable(List.of(column(SqlTypeName.BIGINT), column(type)))).as(type.name())
                    .isFalse();
        }
    }

    private static ResultColumn column(SqlTypeName type) {
        return new ResultColumn("c", type, 0, 0, true, Optional.empty());
    }
}
