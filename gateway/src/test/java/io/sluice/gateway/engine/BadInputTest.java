package io.sluice.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connectors.config.Secret;
import io.sluice.connectors.config.SourceConfig;
import io.sluice.connectors.config.SourceType;
import io.sluice.gateway.config.Limits;
import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.error.SqlState;
import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.testing.DemoEngines;
import io.sluice.gateway.testing.SharedDemoDatabases;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each mistake gets one clear error, and the engine goes on answering the next statement. */
class BadInputTest {
    static Engine engine;

    @BeforeAll
    static void start() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        List<SourceConfig> sources = new ArrayList<>(DemoEngines.sources(SharedDemoDatabases.get()));
        sources.add(SourceConfig.database("down", SourceType.POSTGRESQL,
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/nothing", "nobody", new Secret("secret-pw", "test"))
                .withConnectTimeout(Duration.ofSeconds(1)));
        engine = Engine.start(new SluiceConfig(SharedDemoDatabases.testWorkRoot().resolve("bad.yaml"),
                SharedDemoDatabases.testWorkRoot(), sources, Limits.DEFAULTS));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static long count(String sql) {
        try (ResultCursor cursor = engine.execute(sql, SessionContext.localAdmin())) {
            long n = 0;
            while (cursor.next()) {
                n++;
            }
            return n;
        }
    }

    static SluiceException failure(String sql) {
        try {
            count(sql);
        } catch (SluiceException e) {
            assertThat(count("select r_name from lake.region")).as("still serving after: " + sql).isEqualTo(5);
            return e;
        }
        throw new AssertionError("expected an error from: " + sql);
    }

    @Test
    void syntaxErrorPointsAtTheOffendingToken() {
        SluiceException e = failure("select o_orderkey frm sales.orders");
        assertThat(e.state()).isEqualTo(SqlState.SYNTAX_ERROR);
        assertThat(e.getMessage()).isEqualTo("syntax error at or near \"sales\"");
        assertThat(e.position()).hasValue(23);
    }

    @Test
    void syntaxErrorInsideExplainPointsIntoTheWholeText() {
        SluiceException e = failure("explain select o_orderkey frm sales.orders");
        assertThat(e.position()).hasValue(31);
    }

    @Test
    void unknownTableIsUndefinedTable() {
        SluiceException e = failure("select * from sales.nosuch");
        assertThat(e.state()).isEqualTo(SqlState.UNDEFINED_TABLE);
        assertThat(e.getMessage()).isEqualTo("relation \"sales.nosuch\" does not exist");
        assertThat(e.position()).hasValue(15);
    }

    @Test
    void unknownColumnIsUndefinedColumn() {
        SluiceException e = failure("select o_nosuch from sales.orders");
        assertThat(e.state()).isEqualTo(SqlState.UNDEFINED_COLUMN);
        assertThat(e.getMessage()).isEqualTo("column \"o_nosuch\" does not exist");
        assertThat(e.position()).hasValue(8);
    }

    @Test
    void typeErrorIsUndefinedFunction() {
        SluiceException e = failure("select sum(o_orderdate) from sales.orders");
        assertThat(e.state()).isEqualTo(SqlState.UNDEFINED_FUNCTION);
        assertThat(e.getMessage()).containsIgnoringCase("sum");
    }

    @Test
    void unreachableSourceFailsOnlyTheStatementsThatUseIt() {
        SluiceException e = failure("select * from down.public.t");
        assertThat(e.state()).isEqualTo(SqlState.SOURCE_UNAVAILABLE);
        assertThat(e.getMessage()).startsWith("source 'down' is unavailable").doesNotContain("secret-pw");
        assertThat(count("select c_custkey from crm.customer where c_custkey < 11")).isEqualTo(10);
    }

    @Test
    void writesAreRefusedAsUnsupported() {
        SluiceException e = failure("delete from sales.orders");
        assertThat(e.state()).isEqualTo(SqlState.FEATURE_NOT_SUPPORTED);
    }

    @Test
    void distinctWindowAggregateIsNotSupportedAsInPostgres() {
        SluiceException e = failure("select count(distinct o_orderstatus) over () from sales.orders");
        assertThat(e.state()).isEqualTo(SqlState.FEATURE_NOT_SUPPORTED);
        assertThat(e.getMessage()).isEqualTo("DISTINCT is not implemented for window functions");
    }

    @Test
    void columnNeitherGroupedNorAggregatedIsAGroupingError() {
        SluiceException e = failure("select o_orderstatus, o_clerk from sales.orders group by o_orderstatus");
        assertThat(e.state()).isEqualTo(SqlState.GROUPING_ERROR);
        assertThat(e.getMessage())
                .isEqualTo("column \"o_clerk\" must appear in the GROUP BY clause or be used in an aggregate function");
        assertThat(e.position()).hasValue(23);
    }

    @Test
    void scalarSubQueryReturningTwoRowsIsACardinalityViolation() {
        SluiceException e = failure("select (select o_orderkey from sales.orders where o_orderkey < 3)");
        assertThat(e.state()).isEqualTo(SqlState.CARDINALITY_VIOLATION);
        assertThat(e.getMessage()).isEqualTo("more than one row returned by a subquery used as an expression");
    }

    @Test
    void aggregateSluiceCannotComputeIsNotSupported() {
        SluiceException e = failure("select percentile_cont(0.5) within group (order by o_totalprice) from sales.orders");
        assertThat(e.state()).isEqualTo(SqlState.FEATURE_NOT_SUPPORTED);
        assertThat(e.getMessage()).startsWith("Sluice cannot run this statement");
    }
}
