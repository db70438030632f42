package io.sluice.connectors.jdbc;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * What a {@link DependentJoin}'s compiled code calls at run time. It reads the build side into a
 * hash table, then reads the probe side either filtered by the build side's distinct keys, in
 * batches, or whole when there are more keys than the statement's limit for how they are sent
 * ({@link KeyBinding}), and joins. Each choice is noted in the statement's {@link FragmentLog},
 * so EXPLAIN ANALYZE shows what happened.
 */
public final class DependentJoinRun {
    /** Data-context entry with the most distinct keys sent to a source as IN lists; 0 turns those off. */
    public static final String MAX_IN_LIST_KEYS = "sluice.dependentJoinMaxInListKeys";
    /** Data-context entry with the most distinct keys sent to a source as arrays; 0 turns those off. */
    public static final String MAX_ARRAY_KEYS = "sluice.dependentJoinMaxArrayKeys";
    public static final int DEFAULT_MAX_IN_LIST_KEYS = 20_000;
    public static final int DEFAULT_MAX_ARRAY_KEYS = 100_000;

    private DependentJoinRun() {}

    /**
     * What the planner fixed about one dependent join.
     *
     * @param buildKeys          key columns of the build side's rows
     * @param probeKeys          the matching key columns of the probe side's rows
     * @param filterKey          which key (an index into both arrays) is sent to the probe source
     * @param buildIsLeft        whether the build side's columns come first in a joined row
     * @param filter             how the keys reach the probe side's source
     */
    public record Shape(int[] buildKeys, int[] probeKeys, int filterKey, boolean buildIsLeft, Kind kind,
            int buildWidth, int probeWidth, KeyFilter filter) {
        public Shape {
            requireNonNull(kind, "kind is null");
            requireNonNull(filter, "filter is null");
            buildKeys = buildKeys.clone();
            probeKeys = probeKeys.clone();
        }
    }

    /**
     * How a batch of keys reaches the probe side's source.
     *
     * @param firstParameter the placeholder number of a batch's first key (its array's, with {@link KeyBinding#ARRAY})
     * @param source         the probe fragment's source, for EXPLAIN ANALYZE
     * @param keyName        the probe column the keys filter
     */
    public record KeyFilter(KeyBinding binding, int firstParameter, String source, String keyName) {
        public KeyFilter {
            requireNonNull(binding, "binding is null");
            requireNonNull(source, "source is null");
            requireNonNull(keyName, "keyName is null");
        }
    }

    /** How a batch query takes its keys. */
    public enum KeyBinding {
        /**
         * One placeholder per key, {@code k IN (?, ...)}: {@link DependentJoin#LARGE_BATCH} keys a
         * query, and {@link DependentJoin#SMALL_BATCH} for the last few.
         */
        PLACEHOLDERS,
        /** One placeholder for up to {@link DependentJoin#ARRAY_BATCH} keys, {@code k = ANY (?)} (PostgreSQL). */
        ARRAY;

        /** Placeholders of each concurrent batch query; each query's are its own. */
        int placeholdersPerSlot() {
            return switch (this) {
                case PLACEHOLDERS -> DependentJoin.LARGE_BATCH;
                case ARRAY -> 1;
            };
        }
    }

    /** What a dependent join returns. */
    public enum Kind {
        /** Each build row joined with each probe row that matches it. */
        INNER,
        /** As {@link #INNER}, plus build rows without a match, joined with nulls (an outer join). */
        KEEP_UNMATCHED_BUILD,
        /** Probe rows that have a match, once each (a semi-join whose left side is the probe side). */
        SEMI_PROBE,
        /** Build rows that have a match, once each (a semi-join whose left side is the build side). */
        SEMI_BUILD
    }

    /**
     * The joined rows. {@code large} (one per concurrent slot) and {@code small} are the probe fragment restricted to
     * a batch of keys (see {@link KeyBinding}; with {@link KeyBinding#ARRAY} there is no small form).
     */
    public static Enumerable<Object[]> join(DataContext root, Shape shape, Enumerable<Object[]> build,
            Enumerable<Object[]> unfiltered, Enumerable<Object[]>[] large, Enumerable<Object[]> small) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                BuildTable table = BuildTable.read(build, shape);
                return new Joined(shape, table, probe(root, shape, table, unfiltered, large, small));
            }
        };
    }

    private static Enumerator<Object[]> probe(DataContext root, Shape shape, BuildTable table,
            Enumerable<Object[]> unfiltered, Enumerable<Object[]>[] large, Enumerable<Object[]> small) {
        return probe(root, table::filterKeys, shape.filter(), unfiltered, large, small);
    }

    /**
     * The probe side's rows, filtered by {@code keys} in batches when there are at most the
     * statement's limit of them (read whole otherwise, or when the statement cannot take batch
     * values); an empty key set queries nothing.
     */
    private static Enumerator<Object[]> probe(DataContext root, Supplier<Set<Object>> keySet, KeyFilter filter,
            Enumerable<Object[]> unfiltered, Enumerable<Object[]>[] large, Enumerable<Object[]> small) {
        int limit = limit(root, filter.binding());
        if (limit <= 0 || !(root instanceof BatchParameters parameters)) {
            return unfiltered.enumerator();
        }
        Set<Object> keys = keySet.get();
        String what = "dependent join on " + filter.keyName() + ": ";
        if (keys.size() > limit) {
            FragmentLog.note(what + keys.size() + " distinct keys, more than " + limit + "; " + filter.source()
                    + " read without a key filter");
            return unfiltered.enumerator();
        }
        if (keys.isEmpty()) {
            FragmentLog.note(what + "no keys; " + filter.source() + " not queried");
            return new Batches(List.of(), parameters, filter, large, small);
        }
        Batches batches = new Batches(new ArrayList<>(keys), parameters, filter, large, small);
        FragmentLog.note(what + keys.size() + " distinct keys sent to " + filter.source() + " in "
                + batches.queries() + (batches.queries() == 1 ? " query" : " queries")
                + (filter.binding() == KeyBinding.ARRAY ? " (as an array)" : ""));
        return batches;
    }

    /** The statement's most keys for this way of sending them (defaults outside a statement, as in tests). */
    private static int limit(DataContext root, KeyBinding binding) {
        return switch (binding) {
            case PLACEHOLDERS -> root.get(MAX_IN_LIST_KEYS) instanceof Number n ? n.intValue()
                    : DEFAULT_MAX_IN_LIST_KEYS;
            case ARRAY -> root.get(MAX_ARRAY_KEYS) instanceof Number n ? n.intValue() : DEFAULT_MAX_ARRAY_KEYS;
        };
    }

    /**
     * The rows of {@code input}, read once and replayed, shared under {@code name} with a
     * {@link KeyFilteredProbe} that reads the keys from them (the join reads them as its build side).
     */
    public static Enumerable<Object[]> shared(DataContext root, String name, Enumerable<Object[]> input) {
        Enumerable<Object[]> once = new AbstractEnumerable<>() {
            private List<Object[]> rows;

            @Override
            public Enumerator<Object[]> enumerator() {
                if (rows == null) {
                    List<Object[]> read = new ArrayList<>();
                    try (Enumerator<Object[]> e = input.enumerator()) {
                        while (e.moveNext()) {
                            read.add(e.current());
                        }
                    }
                    rows = read;
                }
                return Linq4j.enumerator(rows);
            }
        };
        if (root instanceof BatchParameters parameters) {
            parameters.share(name, once);
        }
        return once;
    }

    /**
     * The probe fragment's rows filtered by the distinct values of column {@code buildKey} of the
     * rows shared under {@code name} (see {@link #shared}); whole when there are none shared.
     */
    @SuppressWarnings("unchecked")
    public static Enumerable<Object[]> keyFiltered(DataContext root, String name, int buildKey, KeyFilter filter,
            Enumerable<Object[]> unfiltered, Enumerable<Object[]>[] large, Enumerable<Object[]> small) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                if (!(root.get(name) instanceof Enumerable<?> build)) {
                    return unfiltered.enumerator();
                }
                return probe(root, () -> {
                    Set<Object> keys = new LinkedHashSet<>();
                    for (Object[] row : (Enumerable<Object[]>) build) {
                        if (row[buildKey] != null) {
                            keys.add(normalise(row[buildKey]));
                        }
                    }
                    return keys;
                }, filter, unfiltered, large, small);
            }
        };
    }

    /** Whole numbers of every width compare equal when their values do, as in SQL. */
    private static Object normalise(Object value) {
        return switch (value) {
            case Byte b -> (long) b;
            case Short s -> (long) s;
            case Integer i -> (long) i;
            default -> value;
        };
    }

    /** The build side's rows by key; rows with a null key never match but an outer join still returns them. */
    private static final class BuildTable {
        private final Map<Object, List<Object[]>> byKey = new HashMap<>();
        private final List<Object[]> nullKeyed = new ArrayList<>();
        private final Shape shape;

        private BuildTable(Shape shape) {
            this.shape = shape;
        }

        static BuildTable read(Enumerable<Object[]> build, Shape shape) {
            BuildTable table = new BuildTable(shape);
            try (Enumerator<Object[]> rows = build.enumerator()) {
                while (rows.moveNext()) {
                    Object[] row = rows.current();
                    Object key = table.key(row, shape.buildKeys());
                    if (key == null) {
                        table.nullKeyed.add(row);
                    } else {
                        table.byKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(row);
                    }
                }
            }
            return table;
        }

        /** The key of a row, or null if any key column is null. */
        Object key(Object[] row, int[] columns) {
            if (columns.length == 1) {
                Object value = row[columns[0]];
                return value == null ? null : normalise(value);
            }
            Object[] values = new Object[columns.length];
            for (int i = 0; i < columns.length; i++) {
                Object value = row[columns[i]];
                if (value == null) {
                    return null;
                }
                values[i] = normalise(value);
            }
            return Arrays.asList(values);
        }

        Set<Object> filterKeys() {
            if (shape.buildKeys().length == 1) {
                return new LinkedHashSet<>(byKey.keySet());
            }
            Set<Object> keys = new LinkedHashSet<>();
            for (Object key : byKey.keySet()) {
                keys.add(((List<?>) key).get(shape.filterKey()));
            }
            return keys;
        }

        List<Object[]> matches(Object[] probeRow) {
            Object key = key(probeRow, shape.probeKeys());
            return key == null ? List.of() : byKey.getOrDefault(key, List.of());
        }

        /** Build rows no probe row matched, for an outer join; null-keyed rows never match. */
        Iterator<Object[]> unmatched(Map<Object[], Boolean> matched) {
            List<Object[]> rows = new ArrayList<>(nullKeyed);
            for (List<Object[]> group : byKey.values()) {
                for (Object[] row : group) {
                    if (!matched.containsKey(row)) {
                        rows.add(row);
                    }
                }
            }
            return rows.iterator();
        }
    }

    /**
     * Probe rows joined with their build matches; then, for an outer join or a semi-join that
     * returns build rows, the build rows left to return once the probe side is read.
     */
    private static final class Joined implements Enumerator<Object[]> {
        private final Shape shape;
        private final BuildTable table;
        private final Enumerator<Object[]> probe;
        private final Map<Object[], Boolean> matched = new LinkedHashMap<>(); // arrays: by identity
        private Object[] probeRow;
        private List<Object[]> matches = List.of();
        private int nextMatch;
        private Iterator<Object[]> afterProbe;
        private Object[] current;

        Joined(Shape shape, BuildTable table, Enumerator<Object[]> probe) {
            this.shape = shape;
            this.table = table;
            this.probe = probe;
        }

        @Override
        public Object[] current() {
            if (current == null) {
                throw new NoSuchElementException();
            }
            return current;
        }

        @Override
        public boolean moveNext() {
            if (afterProbe == null && nextProbeMatch()) {
                return true;
            }
            if (afterProbe == null) {
                afterProbe = switch (shape.kind()) {
                    case INNER, SEMI_PROBE -> List.<Object[]>of().iterator();
                    case KEEP_UNMATCHED_BUILD -> table.unmatched(matched);
                    case SEMI_BUILD -> matched.keySet().iterator();
                };
            }
            if (afterProbe.hasNext()) {
                Object[] buildRow = afterProbe.next();
                current = shape.kind() == Kind.SEMI_BUILD ? buildRow : combine(buildRow, null);
                return true;
            }
            current = null;
            return false;
        }

        /** Reads the probe side up to the next row to return; false once it is exhausted. */
        private boolean nextProbeMatch() {
            while (true) {
                while (nextMatch >= matches.size()) {
                    if (!probe.moveNext()) {
                        return false;
                    }
                    probeRow = probe.current();
                    matches = table.matches(probeRow);
                    nextMatch = 0;
                    if (shape.kind() == Kind.SEMI_PROBE && !matches.isEmpty()) {
                        matches = List.of();
                        current = probeRow;
                        return true;
                    }
                }
                Object[] buildRow = matches.get(nextMatch++);
                switch (shape.kind()) {
                    case INNER -> {
                        current = combine(buildRow, probeRow);
                        return true;
                    }
                    case KEEP_UNMATCHED_BUILD -> {
                        matched.put(buildRow, Boolean.TRUE);
                        current = combine(buildRow, probeRow);
                        return true;
                    }
                    case SEMI_BUILD -> matched.put(buildRow, Boolean.TRUE);
                    case SEMI_PROBE -> throw new IllegalStateException("a semi-join returns probe rows whole");
                }
            }
        }

        private Object[] combine(Object[] buildRow, Object[] probeRow) {
            Object[] row = new Object[shape.buildWidth() + shape.probeWidth()];
            int buildAt = shape.buildIsLeft() ? 0 : shape.probeWidth();
            int probeAt = shape.buildIsLeft() ? shape.buildWidth() : 0;
            System.arraycopy(buildRow, 0, row, buildAt, shape.buildWidth());
            if (probeRow != null) {
                System.arraycopy(probeRow, 0, row, probeAt, shape.probeWidth());
            }
            return row;
        }

        @Override
        public void reset() {
            throw new UnsupportedOperationException("a dependent join is read once");
        }

        @Override
        public void close() {
            probe.close();
        }
    }

    /**
     * The probe rows of one batch after another. Each batch is a query with its keys bound; up to
     * {@link DependentJoin#CONCURRENT_BATCHES} run at once, each in a slot whose placeholders are
     * its own, while the join reads the rows of the oldest. A batch is read whole by its task
     * (at most a batch's matches are held), and the rows come out in batch order.
     */
    private static final class Batches implements Enumerator<Object[]> {
        private final List<Object> keys;
        private final BatchParameters parameters;
        private final KeyFilter filter;
        private final Enumerable<Object[]>[] large;
        private final Enumerable<Object[]> small;
        private final FragmentLog log = FragmentLog.active();
        private final ArrayDeque<CompletableFuture<List<Object[]>>> running = new ArrayDeque<>();
        private int next;
        private int slotBatches;
        private Iterator<Object[]> current = Collections.emptyIterator();
        private Object[] row;

        Batches(List<Object> keys, BatchParameters parameters, KeyFilter filter, Enumerable<Object[]>[] large,
                Enumerable<Object[]> small) {
            this.keys = keys;
            this.parameters = parameters;
            this.filter = filter;
            this.large = large;
            this.small = small;
        }

        int queries() {
            int remaining = keys.size();
            int queries = 0;
            while (remaining > 0) {
                remaining -= batchSize(remaining);
                queries++;
            }
            return queries;
        }

        private int batchSize(int remaining) {
            return switch (filter.binding()) {
                case ARRAY -> Math.min(remaining, DependentJoin.ARRAY_BATCH);
                case PLACEHOLDERS ->
                        remaining > DependentJoin.SMALL_BATCH ? DependentJoin.LARGE_BATCH : DependentJoin.SMALL_BATCH;
            };
        }

        @Override
        public Object[] current() {
            return row;
        }

        @Override
        public boolean moveNext() {
            while (!current.hasNext()) {
                start();
                CompletableFuture<List<Object[]>> oldest = running.poll();
                if (oldest == null) {
                    return false;
                }
                current = rowsOf(oldest).iterator();
            }
            row = current.next();
            return true;
        }

        /** Starts batches until every slot is busy; a slot is free once its batch was taken off {@link #running}. */
        private void start() {
            while (running.size() < large.length && next < keys.size()) {
                int size = batchSize(keys.size() - next);
                int end = Math.min(next + size, keys.size());
                Enumerable<Object[]> query;
                int first = filter.firstParameter();
                if (filter.binding() == KeyBinding.ARRAY || size == DependentJoin.LARGE_BATCH) {
                    int slot = slotBatches++ % large.length;
                    query = large[slot];
                    first += slot * filter.binding().placeholdersPerSlot();
                } else {
                    query = small;
                    first += large.length * DependentJoin.LARGE_BATCH;
                }
                switch (filter.binding()) {
                    case ARRAY -> parameters.setParameter(first, new KeyArray(keys.subList(next, end)));
                    case PLACEHOLDERS -> {
                        for (int i = 0; i < size; i++) {
                            // A batch that is not full repeats its last key: same answer, one query text.
                            parameters.setParameter(first + i, keys.get(Math.min(next + i, end - 1)));
                        }
                    }
                }
                next = end;
                running.add(CompletableFuture.supplyAsync(() -> read(query), BATCH_THREADS));
            }
        }

        private List<Object[]> read(Enumerable<Object[]> query) {
            try (FragmentLog.Activation ignored = log.activate(); Enumerator<Object[]> rows = query.enumerator()) {
                List<Object[]> read = new ArrayList<>();
                while (rows.moveNext()) {
                    read.add(rows.current());
                }
                return read;
            }
        }

        private static List<Object[]> rowsOf(CompletableFuture<List<Object[]>> batch) {
            try {
                return batch.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }

        @Override
        public void reset() {
            throw new UnsupportedOperationException("a dependent join's probe side is read once");
        }

        @Override
        public void close() {
            next = keys.size();
            current = Collections.emptyIterator();
            // Batches still running finish on their own and give their connections back.
            running.clear();
        }
    }

    /** Where batch queries run: blocked on their source most of the time, so virtual threads. */
    private static final Executor BATCH_THREADS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("sluice-dependent-join-", 0).factory());
}
