package io.sluice.gateway.demo;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The 22 TPC-H queries (validation parameters, see {@code tpch/README.md} beside them) with table names as
 * {@code ${lineitem}} placeholders, so the same text runs through Sluice (qualified names) and on one database
 * holding all eight tables (bare names). Shared by the correctness suite and the benchmark.
 */
public final class TpchQueries {

    public static final int COUNT = 22;

    /** Where the demo keeps each table: lineitem, orders, partsupp on PostgreSQL; nation, region as files. */
    public static final Map<String, String> DEMO_LAYOUT = Map.of(
            "lineitem", "sales.lineitem", "orders", "sales.orders", "partsupp", "sales.partsupp",
            "customer", "crm.customer", "supplier", "crm.supplier", "part", "crm.part",
            "nation", "lake.nation", "region", "lake.region");

    /** The benchmark's layout: as the demo, but nation and region in MariaDB too. */
    public static final Map<String, String> BENCH_LAYOUT = withTables(DEMO_LAYOUT,
            Map.of("nation", "crm.nation", "region", "crm.region"));

    /** Bare names: one database holding all eight tables. */
    public static final Map<String, String> SINGLE_DATABASE = withTables(DEMO_LAYOUT,
            Map.of("lineitem", "lineitem", "orders", "orders", "partsupp", "partsupp", "customer", "customer",
                    "supplier", "supplier", "part", "part", "nation", "nation", "region", "region"));

    private TpchQueries() {
    }

    /** {@code q01} ... {@code q22}. */
    public static List<String> names() {
        return IntStream.rangeClosed(1, COUNT).mapToObj(TpchQueries::name).toList();
    }

    public static String name(int number) {
        if (number < 1 || number > COUNT) {
            throw new IllegalArgumentException("TPC-H queries are numbered 1 to " + COUNT + ", got " + number);
        }
        return String.format("q%02d", number);
    }

    /** The query text with placeholders, e.g. {@code template("q01")}. */
    public static String template(String name) {
        requireNonNull(name, "name");
        try (InputStream in = TpchQueries.class.getResourceAsStream("tpch/" + name + ".sql")) {
            if (in == null) {
                throw new IllegalArgumentException("no TPC-H query " + name + " (expected q01 to q22)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TPC-H query " + name, e);
        }
    }

    /** Replaces every {@code ${table}} placeholder with its name in {@code layout}. */
    public static String substitute(String template, Map<String, String> layout) {
        String sql = template;
        for (var table : layout.entrySet()) {
            sql = sql.replace("${" + table.getKey() + "}", table.getValue());
        }
        if (sql.contains("${")) {
            throw new IllegalArgumentException("the layout names no table for a placeholder in: " + sql);
        }
        return sql;
    }

    /** Whether the answer's row order is part of the query (compare in order, else as multisets). */
    public static boolean isOrdered(String sql) {
        return sql.toLowerCase(Locale.ROOT).contains("order by");
    }

    private static Map<String, String> withTables(Map<String, String> base, Map<String, String> changes) {
        Map<String, String> merged = new HashMap<>(base);
        merged.putAll(changes);
        return Map.copyOf(merged);
    }
}
