package io.sluice.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.gateway.auth.ScramVerifier;
import io.sluice.gateway.config.ListenerConfig;
import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.config.UserConfig;
import io.sluice.gateway.testing.DemoEngines;
import io.sluice.gateway.testing.PostgresActivity;
import io.sluice.gateway.testing.SharedDemoDatabases;
import io.sluice.gateway.tls.TlsMode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The federated engine behind the wire protocol, driven by the real PostgreSQL JDBC driver. */
class WireEngineTest {
    static Gateway gateway;

    @BeforeAll
    static void start() {
        SluiceConfig config = DemoEngines.config(SharedDemoDatabases.get())
                .withListener(new ListenerConfig("127.0.0.1", 0, TlsMode.OPTIONAL, Optional.empty(), Optional.empty()))
                .withUsers(List.of(new UserConfig("ana", ScramVerifier.generate("ana-pw"), List.of("analysts"),
                        Map.of("region", "EU"))));
        gateway = Gateway.start(config);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static Connection connect(String sslmode) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "ana");
        properties.setProperty("password", "ana-pw");
        properties.setProperty("sslmode", sslmode);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + gateway.port() + "/sluice", properties);
    }

    @Test
    void crossSourceJoinOverTlsWithScram() throws Exception {
        try (Connection c = connect("require"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     select n.n_name, count(*) as customers
                     from crm.customer c join lake.nation n on n.n_nationkey = c.c_nationkey
                     group by n.n_name order by n.n_name limit 3""")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ALGERIA");
            assertThat(rs.getLong(2)).isPositive();
            assertThat(rs.getMetaData().getColumnTypeName(2)).isEqualTo("int8");
        }
    }

    @Test
    void preparedStatementWithParametersRunsRepeatedly() throws Exception {
        try (Connection c = connect("disable");
             PreparedStatement p = c.prepareStatement(
                     "select o_orderkey, o_totalprice, o_orderdate from sales.orders where o_orderkey = ?")) {
            for (long key : new long[] {1, 2, 3, 4, 5, 6, 7, 32}) {
                p.setLong(1, key);
                try (ResultSet rs = p.executeQuery()) {
                    assertThat(rs.next()).as("order " + key).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(key);
                    assertThat(rs.getBigDecimal(2)).isGreaterThan(BigDecimal.ZERO);
                    assertThat(rs.getObject(3, LocalDate.class)).isAfter(LocalDate.of(1991, 12, 31));
                    assertThat(rs.next()).isFalse();
                }
            }
        }
    }

    @Test
    void dateParameterReachesTheSource() throws Exception {
        try (Connection c = connect("disable");
             PreparedStatement p = c.prepareStatement(
                     "select count(*) from sales.orders where o_orderdate < ?")) {
            p.setObject(1, LocalDate.of(1993, 1, 1));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isPositive().isLessThan(15000);
            }
        }
    }

    @Test
    void errorsKeepTheirSqlStateAndTheConnectionStaysUsable() throws Exception {
        try (Connection c = connect("disable"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("select nope from sales.orders"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("42703");
                        assertThat(e.getMessage()).contains("column \"nope\" does not exist");
                    });
            try (ResultSet rs = s.executeQuery("select count(*) from lake.region")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(5);
            }
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // only the cancel can end the statement
    void queryTimeoutCancelsTheStatementAndItsQueryOnTheSource() throws Exception {
        try (Connection c = connect("disable"); Statement s = c.createStatement()) {
            s.setQueryTimeout(2);
            // A nested loop in Sluice over 60,000^3 row combinations: it would run for days.
            assertThatThrownBy(() -> s.executeQuery("""
                    select count(*) from sales.lineitem a, sales.lineitem b, sales.lineitem c
                    where a.l_quantity + b.l_quantity + c.l_quantity > 0"""))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            try (ResultSet rs = s.executeQuery("select count(*) from lake.region")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the connection still works after the cancel").isEqualTo(5);
            }
        }
        assertThat(PostgresActivity.activeQueriesContaining("lineitem", java.time.Duration.ofSeconds(10)))
                .as("source queries still running after the cancel").isZero();
    }

    @Test
    void explainComesBackAsRows() throws Exception {
        try (Connection c = connect("disable"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("explain select c_name from crm.customer where c_nationkey = 7")) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
            assertThat(plan).contains("Fragment 1 on crm:").contains("`c_nationkey` = 7");
        }
    }

    @Test
    void rowsForwardedFromPostgresReadTheSameInTextAndBinaryAsFromPostgresItself() throws Exception {
        String sql = """
                select o_orderkey, o_custkey, o_orderstatus, o_totalprice, o_orderdate, o_shippriority, o_comment
                from %s where o_orderkey < 500 order by o_orderkey""";
        var databases = SharedDemoDatabases.get();
        List<List<Object>> direct;
        try (Connection c = DriverManager.getConnection(databases.postgresJdbcUrl(), databases.user(),
                databases.password())) {
            direct = readAll(c, sql.formatted("orders"));
        }
        List<List<Object>> text;
        try (Connection c = connect("disable")) {
            text = readAll(c, sql.formatted("sales.orders"));
        }
        Properties binary = new Properties();
        binary.setProperty("user", "ana");
        binary.setProperty("password", "ana-pw");
        binary.setProperty("sslmode", "disable");
        binary.setProperty("prepareThreshold", "-1");
        List<List<Object>> binaryRows;
        try (Connection c = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + gateway.port() + "/sluice", binary)) {
            binaryRows = readAll(c, sql.formatted("sales.orders"));
        }
        assertThat(direct).hasSizeGreaterThan(100);
        assertThat(text).isEqualTo(direct);
        assertThat(binaryRows).isEqualTo(direct);
    }

    @Test
    void copyOfForwardedRowsReadsAsPostgresOwnCopy() throws Exception {
        String sql = """
                copy (select o_orderkey, o_orderstatus, o_totalprice, o_orderdate, o_orderpriority, o_comment
                from %s where o_orderkey < 200 order by o_orderkey) to stdout""";
        var databases = SharedDemoDatabases.get();
        String direct;
        try (Connection c = DriverManager.getConnection(databases.postgresJdbcUrl(), databases.user(),
                databases.password())) {
            direct = copyOut(c, sql.formatted("orders"));
        }
        String viaSluice;
        try (Connection c = connect("disable")) {
            viaSluice = copyOut(c, sql.formatted("sales.orders"));
        }
        assertThat(direct.lines()).hasSizeGreaterThan(40);
        assertThat(viaSluice).isEqualTo(direct);
    }

    private static String copyOut(Connection c, String sql) throws Exception {
        var out = new java.io.StringWriter();
        c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyOut(sql, out);
        return out.toString();
    }

    private static List<List<Object>> readAll(Connection c, String sql) throws SQLException {
        List<List<Object>> rows = new java.util.ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new java.util.ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
