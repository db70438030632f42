package io.sluice.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.gateway.testing.SharedDemoDatabases;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shared SF 0.01 demo databases hold exactly what the generators produce, readable but not writable. */
class DemoDatabasesTest {

    private static DemoDatabases demo;
    private static double sf;

    @BeforeAll
    static void start() {
        demo = SharedDemoDatabases.get();
        sf = demo.settings().scaleFactor();
    }

    static List<String> salesTpchTables() {
        return DemoDatabases.SALES_TPCH_TABLES;
    }

    static List<String> crmTables() {
        return DemoDatabases.CRM_TABLES;
    }

    static List<String> allTpchTables() {
        return TpchTables.names();
    }

    @Test
    void bothServersAnswerTheReadOnlyLogin() throws SQLException {
        assertThat(queryString(pg(), "SELECT current_user || ' ' || current_database() || ' ' || version()"))
                .startsWith("sluice sales PostgreSQL 18");
        assertThat(queryString(maria(), "SELECT CONCAT(CURRENT_USER(), ' ', DATABASE(), ' ', VERSION())"))
                .startsWith("sluice@% crm 11.4");
        assertThat(demo.postgresJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + demo.postgresPort() + "/sales");
        assertThat(demo.mariadbJdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:" + demo.mariadbPort() + "/crm");
    }

    @ParameterizedTest
    @MethodSource("salesTpchTables")
    void salesTablesHoldTheGeneratedRows(String table) throws SQLException {
        assertThat(queryLong(pg(), "SELECT count(*) FROM public." + table))
                .isEqualTo(TpchTables.expectedRowCount(table, sf)).isPositive();
    }

    @ParameterizedTest
    @MethodSource("crmTables")
    void crmTablesHoldTheGeneratedRows(String table) throws SQLException {
        assertThat(queryLong(maria(), "SELECT count(*) FROM crm." + table))
                .isEqualTo(TpchTables.expectedRowCount(table, sf)).isPositive();
    }

    @ParameterizedTest
    @MethodSource("allTpchTables")
    void referenceHoldsAllEightTables(String table) throws SQLException {
        assertThat(queryLong(reference(), "SELECT count(*) FROM public." + table))
                .isEqualTo(TpchTables.expectedRowCount(table, sf)).isPositive();
    }

    @Test
    void referenceMatchesTheSourcesValueForValue() throws SQLException {
        String lineitem = "SELECT count(*) || ' ' || sum(l_extendedprice) || ' ' || sum(l_quantity) || ' '"
                + " || min(l_shipdate) || ' ' || max(l_comment) FROM lineitem";
        assertThat(queryString(pg(), lineitem)).isEqualTo(queryString(reference(), lineitem));
        String customer = "SELECT CONCAT(count(*), ' ', sum(c_acctbal), ' ', min(c_acctbal), ' ', max(c_name))"
                + " FROM customer";
        assertThat(queryString(maria(), customer)).isEqualTo(queryString(reference(),
                "SELECT count(*) || ' ' || sum(c_acctbal) || ' ' || min(c_acctbal) || ' ' || max(c_name) FROM customer"));
    }

    @Test
    void tpchColumnsHaveSpecTypes() throws SQLException {
        try (Connection c = pg(); ResultSet rs = c.getMetaData().getColumns(null, "public", "lineitem", null)) {
            List<String> columns = new ArrayList<>();
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME")
                        + (rs.getString("TYPE_NAME").equals("numeric") ? "(" + rs.getInt("COLUMN_SIZE") + ","
                        + rs.getInt("DECIMAL_DIGITS") + ")" : ""));
            }
            assertThat(columns).contains("l_orderkey int8", "l_linenumber int4", "l_quantity numeric(15,2)",
                    "l_extendedprice numeric(15,2)", "l_shipdate date", "l_comment varchar");
        }
    }

    @Test
    void peopleHaveCompletePiiJoinableToCustomers() throws SQLException {
        try (Connection c = pg(); ResultSet rs = c.getMetaData().getColumns(null, "public", "people", null)) {
            List<String> columns = new ArrayList<>();
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME"));
            }
            assertThat(columns).containsExactly("id", "first_name", "last_name", "email", "phone", "national_id",
                    "birth_date", "region", "country", "city", "customer_key", "signup_ts");
        }
        long customers = TpchTables.expectedRowCount("customer", sf);
        assertThat(queryString(pg(), "SELECT count(*) || ' ' || count(DISTINCT email) || ' '"
                + " || count(*) FILTER (WHERE email ~ '^[a-z0-9.-]+@[a-z.]+$' AND phone ~ '^\\+[0-9]'"
                + " AND national_id <> '' AND first_name <> '' AND last_name <> '' AND city <> ''"
                + " AND region IN ('EU', 'US', 'APAC') AND birth_date < DATE '2006-01-01'"
                + " AND customer_key BETWEEN 1 AND " + customers + ")"
                + " || ' ' || count(DISTINCT region) FROM people"))
                .isEqualTo("2000 2000 2000 3");
        assertThat(queryLong(pg(), "SELECT count(*) FROM people WHERE region = 'US'"
                + " AND national_id !~ '^[0-8][0-9]{2}-[0-9]{2}-[0-9]{4}$'")).isZero();
        assertThat(queryLong(pg(), "SELECT count(*) FROM support_tickets t JOIN people p ON p.id = t.person_id"))
                .isEqualTo(PeopleGenerator.TICKETS);
        // Deterministic: the database holds exactly what the generator makes.
        PeopleGenerator.Person first = PeopleGenerator.people(customers).getFirst();
        assertThat(queryString(pg(), "SELECT email || ' ' || national_id || ' ' || signup_ts FROM people WHERE id = 1"))
                .isEqualTo(first.email() + " " + first.nationalId() + " "
                        + first.signupTs().toString().replace('T', ' '));
    }

    @Test
    void filesHoldNationAndRegion() throws Exception {
        List<String> nation = Files.readAllLines(demo.filesDirectory().resolve("nation.csv"));
        assertThat(nation).hasSize(26);
        assertThat(nation.getFirst()).isEqualTo("n_nationkey,n_name,n_regionkey,n_comment");
        assertThat(nation.get(1)).startsWith("0,ALGERIA,0,");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = duck.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), min(r_name), typeof(min(r_regionkey)) FROM read_parquet('"
                     + demo.filesDirectory().resolve("region.parquet") + "')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(5);
            assertThat(rs.getString(2)).isEqualTo("AFRICA");
            assertThat(rs.getString(3)).isEqualTo("BIGINT");
        }
    }

    @Test
    void readOnlyLoginCannotWrite() {
        assertThatThrownBy(() -> execute(pg(), "INSERT INTO people (id, first_name, last_name, email, phone,"
                + " national_id, birth_date, region, country, city, customer_key, signup_ts) VALUES (99999, 'a', 'b',"
                + " 'c', 'd', 'e', DATE '2000-01-01', 'EU', 'f', 'g', 1, TIMESTAMP '2020-01-01 00:00:00')"))
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> execute(pg(), "CREATE TABLE public.scratch (x int)"))
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> execute(reference(), "DELETE FROM lineitem"))
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> execute(maria(), "INSERT INTO crm.supplier SELECT * FROM crm.supplier LIMIT 1"))
                .isInstanceOf(SQLException.class).hasMessageContaining("denied");
        assertThatThrownBy(() -> execute(maria(), "CREATE TABLE crm.scratch (x int)"))
                .isInstanceOf(SQLException.class).hasMessageContaining("denied");
    }

    @Test
    void wrongPasswordIsRejected() {
        assertThatThrownBy(() -> DriverManager.getConnection(demo.postgresJdbcUrl(), demo.user(), "wrong"))
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        assertThatThrownBy(() -> DriverManager.getConnection(demo.mariadbJdbcUrl(), demo.user(), "wrong"))
                .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
    }

    @Test
    void loadMarkersAreInvisibleToTheReader() {
        assertThatThrownBy(() -> queryLong(pg(), "SELECT count(*) FROM sluice_demo.load_marker"))
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> queryLong(maria(), "SELECT count(*) FROM sluice_demo.load_marker"))
                .isInstanceOf(SQLException.class).hasMessageContaining("denied");
    }

    @Test
    void stringsCompareByCodePointInEverySource() throws SQLException {
        String order = "SELECT string_agg(x, ',' ORDER BY x) FROM (VALUES ('b'), ('B'), ('a'), ('é'), ('z')) v(x)";
        assertThat(queryString(pg(), order)).isEqualTo("B,a,b,z,é");
        assertThat(queryString(reference(), order)).isEqualTo("B,a,b,z,é");
        assertThat(queryString(maria(), "SELECT GROUP_CONCAT(DISTINCT COLLATION_NAME) FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = 'crm' AND COLLATION_NAME IS NOT NULL")).isEqualTo("utf8mb4_bin");
    }

    @Test
    void secondInstanceOnTheSameWorkDirIsRefusedWithoutHarm() throws SQLException {
        assertThatThrownBy(() -> DemoDatabases.start(demo.settings()))
                .isInstanceOf(DemoDatabaseException.class)
                .hasMessageContaining("already in use")
                .hasMessageContaining(demo.settings().workDir().toString());
        assertThat(queryLong(pg(), "SELECT count(*) FROM people")).isEqualTo(PeopleGenerator.PEOPLE);
        assertThat(queryLong(maria(), "SELECT count(*) FROM supplier")).isPositive();
    }

    private static Connection pg() throws SQLException {
        return DriverManager.getConnection(demo.postgresJdbcUrl(), demo.postgresUser(), demo.postgresPassword());
    }

    private static Connection reference() throws SQLException {
        return DriverManager.getConnection(demo.referenceJdbcUrl(), demo.user(), demo.password());
    }

    private static Connection maria() throws SQLException {
        return DriverManager.getConnection(demo.mariadbJdbcUrl(), demo.mariadbUser(), demo.mariadbPassword());
    }

    static long queryLong(Connection connection, String sql) throws SQLException {
        try (connection; Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String queryString(Connection connection, String sql) throws SQLException {
        try (connection; Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (connection; Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }
}
