package io.sluice.bench;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.demo.TpchQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One statement to time through the gateway, with the direct statement it is compared with. Both come from one
 * text with {@code ${table}} placeholders, filled with the gateway's qualified names and with the baseline
 * database's bare names.
 *
 * @param group       {@code tpch} or {@code probes}
 * @param name        {@code q01}, {@code f1}, ...
 * @param description what it measures, for the table
 * @param template    the statement with placeholders
 * @param baseline    which direct database answers it, if any
 * @param check       how the gateway's answer is checked against the baseline's
 * @param atLeast     warm-ups and measured runs it gets at least, whatever the command line says: a
 *                    statement of a millisecond run five times after one warm-up measures the JIT
 *                    compiler warming up, not the gateway (the gateway's per-statement path is
 *                    still getting faster after 1,500 executions)
 */
record BenchCase(String group, String name, String description, String template, Optional<Baseline> baseline,
                 Check check, int atLeast) {

    /** The direct databases a gateway figure is compared with. */
    enum Baseline {
        /** PostgreSQL {@code sales} itself, where the gateway sends single-source statements. */
        DIRECT("PostgreSQL direct"),
        /** One PostgreSQL database holding all eight TPC-H tables. */
        TPCH_ALL("PostgreSQL, all tables in one database");

        private final String description;

        Baseline(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    enum Check {
        /** Every row, as the TPC-H correctness suite compares them. */
        ANSWER,
        /** Only the number of rows (results too big to keep). */
        ROW_COUNT
    }

    BenchCase(String group, String name, String description, String template, Optional<Baseline> baseline,
            Check check) {
        this(group, name, description, template, baseline, check, 0);
    }

    BenchCase {
        requireNonNull(group, "group");
        requireNonNull(name, "name");
        requireNonNull(description, "description");
        requireNonNull(template, "template");
        requireNonNull(baseline, "baseline");
        requireNonNull(check, "check");
    }

    String gatewaySql() {
        return TpchQueries.substitute(template, TpchQueries.BENCH_LAYOUT);
    }

    /** Bare names: right for both baselines (sales holds lineitem, orders and partsupp under their names). */
    String baselineSql() {
        return TpchQueries.substitute(template, TpchQueries.SINGLE_DATABASE);
    }

    /** The 22 TPC-H queries, each compared with the single-database PostgreSQL. */
    static List<BenchCase> tpch() {
        List<BenchCase> cases = new ArrayList<>();
        for (String name : TpchQueries.names()) {
            cases.add(new BenchCase("tpch", name, "TPC-H " + name.toUpperCase(), TpchQueries.template(name),
                    Optional.of(Baseline.TPCH_ALL), Check.ANSWER));
        }
        return cases;
    }

    /** The point probes of the issue: cross-source joins against all-in-one PostgreSQL, the rest against sales. */
    static List<BenchCase> probes() {
        return List.of(
                new BenchCase("probes", "f1", "selective cross-source join, sum", """
                        select sum(o.o_totalprice) from ${orders} o join ${customer} c on c.c_custkey = o.o_custkey
                        where c.c_nationkey = 3 and c.c_mktsegment = 'BUILDING'""",
                        Optional.of(Baseline.TPCH_ALL), Check.ANSWER),
                new BenchCase("probes", "f2", "point lookup", "select * from ${orders} where o_orderkey = 1",
                        Optional.of(Baseline.DIRECT), Check.ANSWER, 2_000),
                new BenchCase("probes", "f3", "single-source aggregate", """
                        select o_orderstatus, count(*), sum(o_totalprice) from ${orders}
                        group by o_orderstatus""", Optional.of(Baseline.DIRECT), Check.ANSWER),
                new BenchCase("probes", "f4", "large result", """
                        select l_orderkey, l_partkey, l_suppkey, l_linenumber, l_quantity, l_extendedprice,
                          l_discount, l_tax, l_returnflag, l_linestatus, l_shipdate, l_commitdate
                        from ${lineitem} where l_orderkey < 1000000""", Optional.of(Baseline.DIRECT), Check.ROW_COUNT),
                new BenchCase("probes", "f5", "large cross-source join and group", """
                        select c.c_mktsegment, count(*), sum(o.o_totalprice)
                        from ${orders} o join ${customer} c on c.c_custkey = o.o_custkey
                        group by c.c_mktsegment""", Optional.of(Baseline.TPCH_ALL), Check.ANSWER));
    }

    /**
     * f1 again, through a second gateway with dependent joins switched off
     * ({@code limits.dependent_join_keys} and {@code dependent_join_array_keys} 0): what the
     * dependent join saves.
     */
    static BenchCase selectiveJoinWithoutDependentJoin() {
        BenchCase f1 = probes().getFirst();
        return new BenchCase(f1.group(), "f1-off", f1.description() + ", dependent join off", f1.template(),
                f1.baseline(), f1.check());
    }

    /** The point lookup the concurrency run repeats. */
    static BenchCase pointLookup() {
        return probes().stream().filter(c -> c.name().equals("f2")).findFirst().orElseThrow();
    }
}
