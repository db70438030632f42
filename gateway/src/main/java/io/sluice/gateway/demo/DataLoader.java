package io.sluice.gateway.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the {@link LoadTarget}s that are not loaded yet, all at once: every table part is a task on a small
 * pool (one thread per CPU), big tables are split into parts on machines with CPUs to spare (a part keeps a
 * generator thread and a database process busy), and each table gets its keys and statistics as soon as its
 * last part is in.
 */
final class DataLoader {

    /** Rows per part before a table is split for parallel loading. */
    private static final long ROWS_PER_PART = 500_000;
    private static final Logger LOG = LoggerFactory.getLogger(DataLoader.class);

    /** What happened to one target. */
    record Outcome(String target, boolean loaded, long millis) {
    }

    private DataLoader() {
    }

    static List<Outcome> loadMissing(List<LoadTarget> targets, double scaleFactor) {
        List<LoadTarget> missing = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (LoadTarget target : targets) {
            if (call(target, "check the load marker of", () -> target.isLoaded(scaleFactor))) {
                LOG.info("{} already holds TPC-H SF {} demo data; not reloading", target.name(), scaleFactor);
                outcomes.add(new Outcome(target.name(), false, 0));
            } else {
                missing.add(target);
            }
        }
        if (missing.isEmpty()) {
            return outcomes;
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        int threads = Math.max(2, cpus);
        // Each part keeps one generator thread and one database process busy.
        int maxParts = Math.max(1, cpus / 2);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform()
                .name("sluice-demo-load-", 1).daemon(true).factory())) {
            List<CompletableFuture<Outcome>> futures = new ArrayList<>();
            for (LoadTarget target : missing) {
                futures.add(load(target, scaleFactor, maxParts, pool));
            }
            for (CompletableFuture<Outcome> future : futures) {
                outcomes.add(join(future));
            }
        }
        return outcomes;
    }

    private static CompletableFuture<Outcome> load(LoadTarget target, double scaleFactor, int maxParts,
                                                   ExecutorService pool) {
        long start = System.nanoTime();
        LOG.info("Loading TPC-H SF {} demo data into {}", scaleFactor, target.name());
        call(target, "prepare", () -> {
            target.prepare();
            return null;
        });
        List<CompletableFuture<Void>> tables = new ArrayList<>();
        for (TableSpec table : target.tables()) {
            int parts = (int) Math.max(1, Math.min(maxParts, table.estimatedRows() / ROWS_PER_PART));
            AtomicLong tableStart = new AtomicLong();
            AtomicLong tableLoaded = new AtomicLong(Long.MIN_VALUE);
            AtomicLong rows = new AtomicLong();
            List<CompletableFuture<Void>> partFutures = new ArrayList<>();
            for (int part = 1; part <= parts; part++) {
                int p = part;
                partFutures.add(CompletableFuture.runAsync(() -> {
                    tableStart.compareAndSet(0, System.nanoTime());
                    rows.addAndGet(call(target, "load " + table.name() + " part " + p + " of " + parts + " into",
                            () -> target.loadPart(table, p, parts)));
                    tableLoaded.accumulateAndGet(System.nanoTime(), Math::max);
                }, pool));
            }
            tables.add(CompletableFuture.allOf(partFutures.toArray(CompletableFuture[]::new)).thenRunAsync(() -> {
                long indexStart = System.nanoTime();
                call(target, "index " + table.name() + " in", () -> {
                    target.finishTable(table);
                    return null;
                });
                LOG.info("Loaded {}.{}: {} rows in {} ms (+{} ms keys/indexes/statistics)", target.name(),
                        table.name(), rows.get(), (tableLoaded.get() - tableStart.get()) / 1_000_000,
                        (System.nanoTime() - indexStart) / 1_000_000);
            }, pool));
        }
        return CompletableFuture.allOf(tables.toArray(CompletableFuture[]::new)).thenApplyAsync(ignored -> {
            long millis = (System.nanoTime() - start) / 1_000_000;
            call(target, "finish", () -> {
                target.finish(scaleFactor, millis);
                return null;
            });
            LOG.info("Loaded {} in {} ms", target.name(), millis);
            return new Outcome(target.name(), true, millis);
        }, pool);
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws Exception;
    }

    private static <T> T call(LoadTarget target, String what, Step<T> step) {
        try {
            return step.run();
        } catch (DemoDatabaseException e) {
            throw e;
        } catch (Exception e) {
            throw new DemoDatabaseException("cannot " + what + " " + target.name() + ": "
                    + EmbeddedPostgresServer.describe(e), e);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof DemoDatabaseException d) {
                throw d;
            }
            throw new DemoDatabaseException("demo data load failed: " + EmbeddedPostgresServer.describe(e), e);
        }
    }
}
