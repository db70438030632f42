package io.sluice.connectors.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CachedTest {
    private static final Duration TTL = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));
    private final QueuedExecutor executor = new QueuedExecutor();
    private final List<RuntimeException> reloadFailures = new ArrayList<>();

    private <T> Cached<T> cached(Supplier<T> loader) {
        return new Cached<>(loader, TTL, executor, reloadFailures::add, clock);
    }

    @Test
    void firstGetLoadsOnceOnTheCallingThread() {
        AtomicInteger loads = new AtomicInteger();
        Cached<String> cached = cached(() -> "v" + loads.incrementAndGet());

        assertThat(cached.get()).isEqualTo("v1");
        assertThat(cached.get()).isEqualTo("v1");
        assertThat(loads).hasValue(1);
        assertThat(executor.pending()).isZero();
    }

    @Test
    void failedFirstLoadIsThrownToTheCallerAndRetriedNextTime() {
        AtomicInteger calls = new AtomicInteger();
        Cached<String> cached = cached(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("source down");
            }
            return "ok";
        });

        assertThatThrownBy(cached::get).isInstanceOf(IllegalStateException.class).hasMessage("source down");
        assertThat(reloadFailures).isEmpty();
        assertThat(cached.get()).isEqualTo("ok");
        assertThat(calls).hasValue(2);
    }

    @Test
    void valueWithinTtlIsServedWithoutReload() {
        AtomicInteger loads = new AtomicInteger();
        Cached<Integer> cached = cached(loads::incrementAndGet);
        cached.get();

        clock.advance(TTL);

        assertThat(cached.get()).isEqualTo(1);
        assertThat(executor.pending()).isZero();
    }

    @Test
    void expiredValueIsServedAtOnceWhileReloadRunsInBackground() {
        AtomicInteger loads = new AtomicInteger();
        Cached<Integer> cached = cached(loads::incrementAndGet);
        assertThat(cached.get()).isEqualTo(1);

        clock.advance(TTL.plusSeconds(1));

        assertThat(cached.get()).isEqualTo(1);
        assertThat(loads).as("reload must not run on the reader's thread").hasValue(1);
        assertThat(executor.pending()).isEqualTo(1);

        executor.runAll();

        assertThat(loads).hasValue(2);
        assertThat(cached.get()).isEqualTo(2);
        assertThat(executor.pending()).as("the reloaded value is fresh again").isZero();
    }

    @Test
    void onlyOneReloadIsScheduledAtATime() {
        AtomicInteger loads = new AtomicInteger();
        Cached<Integer> cached = cached(loads::incrementAndGet);
        cached.get();
        clock.advance(TTL.plusSeconds(1));

        cached.get();
        cached.get();
        cached.get();

        assertThat(executor.pending()).isEqualTo(1);
        executor.runAll();
        assertThat(loads).hasValue(2);
    }

    @Test
    void failedReloadKeepsOldValueReportsFailureAndAllowsAnotherReload() {
        AtomicInteger calls = new AtomicInteger();
        RuntimeException failure = new IllegalStateException("refresh failed");
        Cached<String> cached = cached(() -> {
            int n = calls.incrementAndGet();
            if (n == 2) {
                throw failure;
            }
            return "v" + n;
        });
        assertThat(cached.get()).isEqualTo("v1");
        clock.advance(TTL.plusSeconds(1));

        assertThat(cached.get()).isEqualTo("v1");
        executor.runAll();

        assertThat(reloadFailures).containsExactly(failure);
        assertThat(cached.get()).isEqualTo("v1");
        assertThat(executor.pending()).as("a new reload is scheduled after the failed one").isEqualTo(1);
        executor.runAll();
        assertThat(cached.get()).isEqualTo("v3");
    }

    @Test
    void invalidateMakesNextReaderLoadSynchronously() {
        AtomicInteger loads = new AtomicInteger();
        Cached<Integer> cached = cached(loads::incrementAndGet);
        cached.get();

        cached.invalidate();

        assertThat(cached.get()).isEqualTo(2);
        assertThat(executor.pending()).isZero();
    }

    @Test
    void rejectedReloadStillServesOldValueAndLaterReloadsWork() {
        AtomicInteger loads = new AtomicInteger();
        AtomicInteger rejections = new AtomicInteger(1);
        Executor rejectingOnce = task -> {
            if (rejections.getAndDecrement() > 0) {
                throw new RejectedExecutionException("shut down");
            }
            task.run();
        };
        Cached<Integer> cached = new Cached<>(loads::incrementAndGet, TTL, rejectingOnce, reloadFailures::add, clock);
        cached.get();
        clock.advance(TTL.plusSeconds(1));

        assertThat(cached.get()).as("served while the refresher refuses").isEqualTo(1);
        assertThat(loads).as("the refusal did not stop later reloads").hasValue(1);
        assertThat(cached.get()).as("stale value served while the retried reload runs").isEqualTo(1);
        assertThat(loads).hasValue(2);
        assertThat(cached.get()).isEqualTo(2);
    }

    private static final class QueuedExecutor implements Executor {
        private final Deque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public synchronized void execute(Runnable command) {
            tasks.add(command);
        }

        synchronized int pending() {
            return tasks.size();
        }

        void runAll() {
            Runnable task;
            while ((task = poll()) != null) {
                task.run();
            }
        }

        private synchronized Runnable poll() {
            return tasks.poll();
        }
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
