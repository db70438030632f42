package io.sluice.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.demo.DemoDatabases;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.testing.DemoEngines;
import io.sluice.gateway.testing.SharedDemoDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
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
    private static final Map<String, String> SLUICE_TABLES = Map.of(
            "lineitem", "sales.lineitem", "orders", "sales.orders", "partsupp", "sales.partsupp",
            "customer", "crm.customer", "supplier", "crm.supplier", "part", "crm.part",
            "nation", "lake.nation", "region", "lake.region");
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
            for (int q = 1; q <= 22; q++) {
                String name = String.format("q%02d", q);
                String template = load(name);
                long start = System.nanoTime();
                Optional<String> mismatch;
                try {
                    List<List<Object>> expected = referenceRows(reference, substitute(template, false));
                    List<List<Object>> actual = sluiceRows(substitute(template, true));
                    mismatch = compare(expected, actual, template.toLowerCase().contains("order by"));
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

    static String load(String name) throws IOException {
        try (InputStream in = TpchCorrectnessTest.class.getResourceAsStream("/tpch/" + name + ".sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String substitute(String template, boolean sluice) {
        String sql = template;
        for (var table : SLUICE_TABLES.entrySet()) {
            sql = sql.replace("${" + table.getKey() + "}", sluice ? table.getValue() : table.getKey());
        }
        return sql;
    }

    private static List<List<Object>> referenceRows(Connection reference, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = reference.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(normalize(rs.getObject(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<List<Object>> sluiceRows(String sql) {
        List<List<Object>> rows = new ArrayList<>();
        try (ResultCursor cursor = engine.execute(sql, SessionContext.localAdmin())) {
            while (cursor.next()) {
                List<Object> row = new ArrayList<>();
                for (Object value : cursor.row()) {
                    row.add(normalize(value));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Numbers as BigDecimal, dates as LocalDate, strings without CHAR padding. */
    private static Object normalize(Object value) {
        return switch (value) {
            case null -> null;
            case Number n -> new BigDecimal(n.toString());
            case java.sql.Date d -> d.toLocalDate();
            case LocalDate d -> d;
            case String s -> s.stripTrailing();
            default -> value.toString();
        };
    }

    static Optional<String> compare(List<List<Object>> expected, List<List<Object>> actual, boolean ordered) {
        if (expected.size() != actual.size()) {
            return Optional.of("expected " + expected.size() + " rows, got " + actual.size());
        }
        if (expected.isEmpty()) {
            return Optional.of("the reference returned no rows, so the comparison proves nothing");
        }
        List<List<Object>> e = ordered ? expected : sorted(expected);
        List<List<Object>> a = ordered ? actual : sorted(actual);
        for (int i = 0; i < e.size(); i++) {
            if (!rowsMatch(e.get(i), a.get(i))) {
                return Optional.of("row " + (i + 1) + ": expected " + e.get(i) + ", got " + a.get(i));
            }
        }
        return Optional.empty();
    }

    private static boolean rowsMatch(List<Object> expected, List<Object> actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            Object x = expected.get(i);
            Object y = actual.get(i);
            if (x instanceof BigDecimal bx && y instanceof BigDecimal by) {
                BigDecimal diff = bx.subtract(by).abs();
                boolean close = diff.compareTo(new BigDecimal("0.0001")) <= 0
                        || diff.compareTo(bx.abs().multiply(new BigDecimal("0.000001"))) <= 0;
                if (!close) {
                    return false;
                }
            } else if (x == null ? y != null : !x.equals(y)) {
                return false;
            }
        }
        return true;
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(Object::toString));
        return copy;
    }
}
