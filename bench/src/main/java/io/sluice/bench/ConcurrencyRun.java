package io.sluice.bench;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many clients, each on its own connection, issue the same statement back to back for a fixed time; what
 * counts is throughput and the latency distribution. A short warm-up phase (same clients, not recorded)
 * comes first so connection set-up and the servers' first executions are not measured.
 */
final class ConcurrencyRun {

    /**
     * @param errors   statements that failed (each is also counted in {@code statements})
     * @param firstError the first failure's message, empty without failures
     */
    record Result(String target, int clients, Duration duration, long statements, long errors, double perSecond,
                  double p50Ms, double p99Ms, String firstError) {
        Result {
            requireNonNull(target, "target");
            requireNonNull(duration, "duration");
            requireNonNull(firstError, "firstError");
        }
    }

    private final int clients;
    private final Duration duration;
    private final Duration warmUp;

    ConcurrencyRun(int clients, Duration duration, Duration warmUp) {
        if (clients < 1 || duration.isNegative() || duration.isZero() || warmUp.isNegative()) {
            throw new IllegalArgumentException("need at least one client and a positive duration");
        }
        this.clients = clients;
        this.duration = duration;
        this.warmUp = warmUp;
    }

    Result run(Endpoint endpoint, String sql, PrintStream log) throws InterruptedException {
        long[][] latencies = new long[clients][];
        AtomicLong errors = new AtomicLong();
        List<String> firstError = new ArrayList<>();
        CountDownLatch connected = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2]; // record from, end (nanoTime); written before go opens
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int client = i;
            threads.add(Thread.ofPlatform().name("sluice-bench-client-" + i).start(() -> {
                LongList mine = new LongList();
                try (Connection c = endpoint.open(); PreparedStatement ps = c.prepareStatement(sql)) {
                    connected.countDown();
                    go.await();
                    long recordFrom = window[0];
                    long end = window[1];
                    while (true) {
                        long start = System.nanoTime();
                        if (start >= end) {
                            break;
                        }
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                rs.getObject(1);
                            }
                            c.commit();
                        } catch (SQLException e) {
                            errors.incrementAndGet();
                            synchronized (firstError) {
                                if (firstError.isEmpty()) {
                                    firstError.add(Endpoint.firstLine(e.getMessage()));
                                }
                            }
                            c.rollback();
                        }
                        if (start >= recordFrom) {
                            mine.add(System.nanoTime() - start);
                        }
                    }
                } catch (SQLException | InterruptedException e) {
                    errors.incrementAndGet();
                    synchronized (firstError) {
                        if (firstError.isEmpty()) {
                            firstError.add("client " + client + ": " + Endpoint.firstLine(e.getMessage()));
                        }
                    }
                    connected.countDown();
                }
                latencies[client] = mine.toArray();
            }));
        }
        // The clock starts once every client holds a connection.
        connected.await();
        window[0] = System.nanoTime() + warmUp.toNanos();
        window[1] = window[0] + duration.toNanos();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        Result result = new Result(endpoint.label(), clients, duration, all.length, errors.get(),
                all.length / (duration.toNanos() / 1e9), percentile(all, 0.50), percentile(all, 0.99),
                firstError.isEmpty() ? "" : firstError.getFirst());
        log.println(Report.progressLine(result));
        return result;
    }

    /** Nearest-rank percentile in milliseconds. */
    static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }

    /** A growable long array: a 30 s run at several thousand statements per second per client adds up. */
    private static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
