package io.sluice.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The run-time half of a dependent join against an in-memory "source" that answers a batch
 * query the way a database would: the probe rows whose key is among the batch's bound keys.
 * Every answer is compared with a nested-loop join of the same rows.
 */
class DependentJoinRunTest {
    /** The statement's values: limits and the placeholders batches bind. */
    private static final class Statement implements DataContext, BatchParameters {
        final Map<String, Object> values = new ConcurrentHashMap<>();

        /** The same limit for keys sent as IN lists and as arrays. */
        Statement(int maxKeys) {
            this(maxKeys, maxKeys);
        }

        Statement(int maxInListKeys, int maxArrayKeys) {
            values.put(DependentJoinRun.MAX_IN_LIST_KEYS, maxInListKeys);
            values.put(DependentJoinRun.MAX_ARRAY_KEYS, maxArrayKeys);
        }

        /** The key placeholders batches bound: none when the probe side was read whole. */
        Map<String, Object> boundKeys() {
            return values.entrySet().stream().filter(e -> e.getKey().startsWith("?"))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        }

        @Override
        public SchemaPlus getRootSchema() {
            return null;
        }

        @Override
        public JavaTypeFactory getTypeFactory() {
            return null;
        }

        @Override
        public QueryProvider getQueryProvider() {
            return null;
        }

        @Override
        public Object get(String name) {
            return values.get(name);
        }

        @Override
        public void setParameter(int index, Object value) {
            values.put("?" + index, value);
        }

        @Override
        public void share(String name, Object value) {
            values.put(name, value);
        }
    }

    /** A probe "source": its rows, and how many queries it answered. */
    private record Source(List<Object[]> rows, AtomicInteger queries) {
        /** The fragment with {@code size} key placeholders from {@code first}, keyed on column {@code key}. */
        Enumerable<Object[]> filtered(Statement statement, int first, int size, int key) {
            return new AbstractEnumerable<>() {
                @Override
                public Enumerator<Object[]> enumerator() {
                    List<Object> bound = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        bound.add(statement.get("?" + (first + i)));
                    }
                    return answer(Set.copyOf(bound), key);
                }
            };
        }

        /** The fragment with one placeholder, {@code parameter}, holding an array of keys. */
        Enumerable<Object[]> filteredByArray(Statement statement, int parameter, int key) {
            return new AbstractEnumerable<>() {
                @Override
                public Enumerator<Object[]> enumerator() {
                    KeyArray array = (KeyArray) statement.get("?" + parameter);
                    return answer(Set.copyOf(array.keys()), key);
                }
            };
        }

        private Enumerator<Object[]> answer(Set<Object> bound, int key) {
            queries.incrementAndGet();
            List<Object[]> answer = rows.stream()
                    .filter(r -> r[key] != null && bound.contains(((Number) r[key]).longValue()))
                    .toList();
            return Linq4j.enumerator(answer);
        }

        Enumerable<Object[]> whole() {
            return new AbstractEnumerable<>() {
                @Override
                public Enumerator<Object[]> enumerator() {
                    queries.incrementAndGet();
                    return Linq4j.enumerator(rows);
                }
            };
        }
    }

    private static final int FIRST = DependentJoin.PARAMETER_BASE;

    private static List<List<Object>> run(Statement statement, DependentJoinRun.Kind kind, boolean buildIsLeft,
            List<Object[]> build, Source probe) {
        return run(DependentJoinRun.KeyBinding.PLACEHOLDERS, statement, kind, buildIsLeft, build, probe);
    }

    @SuppressWarnings("unchecked")
    private static List<List<Object>> run(DependentJoinRun.KeyBinding binding, Statement statement,
            DependentJoinRun.Kind kind, boolean buildIsLeft, List<Object[]> build, Source probe) {
        DependentJoinRun.Shape shape = new DependentJoinRun.Shape(new int[] {0}, new int[] {0}, 0, buildIsLeft, kind,
                2, 2, new DependentJoinRun.KeyFilter(binding, FIRST, "src", "k"));
        Enumerable<Object[]>[] large = new Enumerable[DependentJoin.CONCURRENT_BATCHES];
        Enumerable<Object[]> small;
        if (binding == DependentJoinRun.KeyBinding.ARRAY) {
            for (int slot = 0; slot < large.length; slot++) {
                large[slot] = probe.filteredByArray(statement, FIRST + slot, 0);
            }
            small = Linq4j.emptyEnumerable();
        } else {
            for (int slot = 0; slot < large.length; slot++) {
                large[slot] = probe.filtered(statement, FIRST + slot * DependentJoin.LARGE_BATCH,
                        DependentJoin.LARGE_BATCH, 0);
            }
            small = probe.filtered(statement, FIRST + DependentJoin.CONCURRENT_BATCHES * DependentJoin.LARGE_BATCH,
                    DependentJoin.SMALL_BATCH, 0);
        }
        List<List<Object>> out = new ArrayList<>();
        try (Enumerator<Object[]> rows = DependentJoinRun.join(statement, shape, Linq4j.asEnumerable(build),
                probe.whole(), large, small).enumerator()) {
            while (rows.moveNext()) {
                out.add(Arrays.asList(rows.current()));
            }
        }
        return out;
    }

    private static List<Object[]> rows(int... keys) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            rows.add(new Object[] {keys[i] < 0 ? null : keys[i], "row" + i});
        }
        return rows;
    }

    /** Inner join, build side's columns first, by nested loops. */
    private static List<List<Object>> expectedInner(List<Object[]> build, List<Object[]> probe) {
        List<List<Object>> out = new ArrayList<>();
        for (Object[] p : probe) {
            for (Object[] b : build) {
                if (b[0] != null && p[0] != null && ((Number) b[0]).longValue() == ((Number) p[0]).longValue()) {
                    out.add(List.of(b[0], b[1], p[0], p[1]));
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 15, 16, 17, 255, 256, 257, 512, 600})
    void everyBatchBoundaryGivesTheNestedLoopAnswer(int distinctKeys) {
        int[] buildKeys = IntStream.range(0, distinctKeys).map(i -> i * 3).toArray();
        // Probe keys 0..3n: a third match; several probe rows per key; duplicates on the build side too.
        int[] probeKeys = IntStream.range(0, distinctKeys * 6).map(i -> i / 2).toArray();
        List<Object[]> build = new ArrayList<>(rows(buildKeys));
        build.addAll(rows(buildKeys[0]));
        List<Object[]> probeRows = rows(probeKeys);
        Source probe = new Source(probeRows, new AtomicInteger());

        List<List<Object>> joined = run(new Statement(20_000), DependentJoinRun.Kind.INNER, true, build, probe);

        assertThat(joined).containsExactlyInAnyOrderElementsOf(expectedInner(build, probeRows));
        int expectedQueries = 0;
        for (int remaining = distinctKeys; remaining > 0; expectedQueries++) {
            remaining -= remaining > DependentJoin.SMALL_BATCH ? DependentJoin.LARGE_BATCH : DependentJoin.SMALL_BATCH;
        }
        assertThat(probe.queries().get()).isEqualTo(expectedQueries);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 600, DependentJoin.ARRAY_BATCH, DependentJoin.ARRAY_BATCH + 1})
    void anArrayCarriesUpToItsBatchOfKeysInOneQuery(int distinctKeys) {
        // Build keys 0, 3, 6, ...; probe keys 0..3n, one row each: every build row matches one probe row.
        List<Object[]> build = rows(IntStream.range(0, distinctKeys).map(i -> i * 3).toArray());
        Source probe = new Source(rows(IntStream.range(0, distinctKeys * 3).toArray()), new AtomicInteger());
        Statement statement = new Statement(3 * DependentJoin.ARRAY_BATCH);

        List<List<Object>> joined = run(DependentJoinRun.KeyBinding.ARRAY, statement, DependentJoinRun.Kind.INNER,
                true, build, probe);

        assertThat(joined).hasSize(distinctKeys).allSatisfy(row -> assertThat(row.get(2)).isEqualTo(row.get(0)));
        assertThat(joined).extracting(row -> row.get(0)).doesNotHaveDuplicates();
        int arrays = (distinctKeys + DependentJoin.ARRAY_BATCH - 1) / DependentJoin.ARRAY_BATCH;
        assertThat(probe.queries().get()).isEqualTo(arrays);
        assertThat(statement.boundKeys().values()).hasSize(Math.min(arrays, DependentJoin.CONCURRENT_BATCHES))
                .allSatisfy(value -> assertThat(value).isInstanceOf(KeyArray.class));
    }

    @Test
    void nullKeysNeverMatchAndAreNeverSent() {
        List<Object[]> build = rows(1, -1, 2);
        List<Object[]> probeRows = rows(-1, 1, 2, 2, 3);
        Statement statement = new Statement(20_000);

        List<List<Object>> joined = run(statement, DependentJoinRun.Kind.INNER, true, build,
                new Source(probeRows, new AtomicInteger()));

        assertThat(joined).containsExactlyInAnyOrderElementsOf(expectedInner(build, probeRows)).hasSize(3);
        assertThat(statement.values.values()).doesNotContainNull();
    }

    @Test
    void outerJoinReturnsUnmatchedAndNullKeyedBuildRowsWithNulls() {
        List<Object[]> build = rows(1, 5, -1);
        List<Object[]> probeRows = rows(1, 1, 2);

        List<List<Object>> joined = run(new Statement(20_000), DependentJoinRun.Kind.KEEP_UNMATCHED_BUILD, false,
                build, new Source(probeRows, new AtomicInteger()));

        // Build on the right: probe columns first.
        assertThat(joined).containsExactlyInAnyOrder(
                Arrays.asList(1, "row0", 1, "row0"), Arrays.asList(1, "row1", 1, "row0"),
                Arrays.asList(null, null, 5, "row1"), Arrays.asList(null, null, null, "row2"));
    }

    @Test
    void semiJoinsReturnEachMatchingRowOnce() {
        List<Object[]> build = rows(1, 1, 2, 7);
        List<Object[]> probeRows = rows(1, 1, 2, 3);

        List<List<Object>> probeSide = run(new Statement(20_000), DependentJoinRun.Kind.SEMI_PROBE, false, build,
                new Source(probeRows, new AtomicInteger()));
        List<List<Object>> buildSide = run(new Statement(20_000), DependentJoinRun.Kind.SEMI_BUILD, true, build,
                new Source(probeRows, new AtomicInteger()));

        assertThat(probeSide).containsExactlyInAnyOrder(Arrays.asList(1, "row0"), Arrays.asList(1, "row1"),
                Arrays.asList(2, "row2"));
        assertThat(buildSide).containsExactlyInAnyOrder(Arrays.asList(1, "row0"), Arrays.asList(1, "row1"),
                Arrays.asList(2, "row2"));
    }

    @Test
    void moreKeysThanTheLimitReadTheProbeSideOnceAndWhole() {
        List<Object[]> build = rows(1, 2, 3, 4);
        List<Object[]> probeRows = rows(1, 4, 9);
        Source probe = new Source(probeRows, new AtomicInteger());

        List<List<Object>> joined = run(new Statement(3), DependentJoinRun.Kind.INNER, true, build, probe);

        assertThat(joined).containsExactlyInAnyOrderElementsOf(expectedInner(build, probeRows));
        assertThat(probe.queries().get()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(DependentJoinRun.KeyBinding.class)
    void keysSentAsInListsAndAsArraysHaveALimitEach(DependentJoinRun.KeyBinding binding) {
        // Four distinct keys: more than a limit of 3, fewer than one of 10.
        List<Object[]> build = rows(1, 2, 3, 4);
        List<Object[]> probeRows = rows(1, 4, 9);
        boolean inLists = binding == DependentJoinRun.KeyBinding.PLACEHOLDERS;
        Statement underItsLimit = inLists ? new Statement(10, 3) : new Statement(3, 10);
        Statement overItsLimit = inLists ? new Statement(3, 10) : new Statement(10, 3);

        List<List<Object>> expected = expectedInner(build, probeRows);

        assertThat(run(binding, underItsLimit, DependentJoinRun.Kind.INNER, true, build,
                new Source(probeRows, new AtomicInteger()))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(underItsLimit.boundKeys()).isNotEmpty();
        assertThat(run(binding, overItsLimit, DependentJoinRun.Kind.INNER, true, build,
                new Source(probeRows, new AtomicInteger()))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(overItsLimit.boundKeys()).isEmpty();
    }

    @Test
    void anEmptyBuildSideNeverQueriesTheProbeSource() {
        Source probe = new Source(rows(1, 2), new AtomicInteger());

        assertThat(run(new Statement(20_000), DependentJoinRun.Kind.INNER, true, List.of(), probe)).isEmpty();
        assertThat(probe.queries().get()).isZero();
    }

    @Test
    void wholeNumbersOfDifferentWidthsMatch() {
        List<Object[]> build = new ArrayList<>();
        build.add(new Object[] {5L, "long"});
        List<Object[]> probeRows = new ArrayList<>();
        probeRows.add(new Object[] {5, "int"});

        assertThat(run(new Statement(20_000), DependentJoinRun.Kind.INNER, true, build,
                new Source(probeRows, new AtomicInteger()))).containsExactly(Arrays.asList(5L, "long", 5, "int"));
    }
}
