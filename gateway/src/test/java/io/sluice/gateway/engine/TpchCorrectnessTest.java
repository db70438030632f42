package io.sluice.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.demo.AnswerComparison;
import io.sluice.gateway.demo.DemoDatabases;
import io.sluice.gateway.demo.TpchQueries;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.testing.DemoEngines;
import io.sluice.gateway.testing.SharedDemoDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The 22 TPC-H queries through Sluice, with the tables split over PostgreSQL (lineitem, orders,
 * partsupp), MariaDB (customer, supplier, part) and files (nation as CSV, region as Parquet),
 * compared row by row with the same queries on one PostgreSQL database holding all eight
 * tables. Numbers match within a tolerance (averages and ratios are computed with different
 * precision); rows are compared in order when the query orders them, as multisets otherwise.
 */
class TpchCorrectnessTest {
    /** Every query must match; the bar in the issue is 20 of 22, the suite holds us to all 22. */
    private static final int REQUIRED_MATCHES = 22;

    static DemoDatabases databases;
    static Engine engine;

    @BeforeAll
    static void start() {
        databases = SharedDemoDatabases.get();
        engine = Engine.start(DemoEngines.config(databases));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void allTwentyTwoQueriesMatchTheSingleDatabaseReference() throws Exception {
        Map<String, String> failures = new LinkedHashMap<>();
        int matched = 0;
        try (Connection reference = DriverManager.getConnection(databases.referenceJdbcUrl(),
                databases.user(), databases.password())) {
            for (String name : TpchQueries.names()) {
                String template = TpchQueries.template(name);
                long start = System.nanoTime();
                Optional<String> mismatch;
                try {
                    List<List<Object>> expected = referenceRows(reference,
                            TpchQueries.substitute(template, TpchQueries.SINGLE_DATABASE));
                    List<List<Object>> actual =
                            sluiceRows(engine, TpchQueries.substitute(template, TpchQueries.DEMO_LAYOUT));
                    mismatch = AnswerComparison.compare(expected, actual, TpchQueries.isOrdered(template));
                } catch (SluiceException e) {
                    mismatch = Optional.of(e.state().code() + " " + e.getMessage());
                }
                System.out.printf("TPC-H %s: %s (%.0f ms)%n", name, mismatch.isEmpty() ? "match" : "MISMATCH "
                        + mismatch.get(), (System.nanoTime() - start) / 1e6);
                if (mismatch.isEmpty()) {
                    matched++;
                } else {
                    failures.put(name, mismatch.get());
                }
            }
        }
        System.out.printf("TPC-H correctness: %d of 22 queries match%n", matched);
        assertThat(failures).as("queries whose answer differs from the reference").isEmpty();
        assertThat(matched).isGreaterThanOrEqualTo(REQUIRED_MATCHES);
    }

    /**
     * How a query template's answer through {@code engine} (the demo's layout) differs from one
     * PostgreSQL database holding all the tables, compared as a multiset; empty when it does not.
     */
    static Optional<String> differenceFromOneDatabase(Engine engine, String template) throws SQLException {
        DemoDatabases databases = SharedDemoDatabases.get();
        List<List<Object>> expected;
        try (Connection reference = DriverManager.getConnection(databases.referenceJdbcUrl(), databases.user(),
                databases.password())) {
            expected = referenceRows(reference, TpchQueries.substitute(template, TpchQueries.SINGLE_DATABASE));
        }
        List<List<Object>> actual = sluiceRows(engine, TpchQueries.substitute(template, TpchQueries.DEMO_LAYOUT));
        return AnswerComparison.compare(expected, actual, false);
    }

    static List<List<Object>> referenceRows(Connection reference, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = reference.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(AnswerComparison.normalize(rs.getObject(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static List<List<Object>> sluiceRows(Engine engine, String sql) {
        List<List<Object>> rows = new ArrayList<>();
        try (ResultCursor cursor = engine.execute(sql, SessionContext.localAdmin())) {
            while (cursor.next()) {
                List<Object> row = new ArrayList<>();
                for (Object value : cursor.row()) {
                    row.add(AnswerComparison.normalize(value));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
