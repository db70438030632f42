package io.sluice.policies.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicTest {
    @Test
    void firstRunHappensBeforeStartReturns() {
        AtomicInteger runs = new AtomicInteger();
        ScheduledExecutorService executor = Periodic.runNowAndEvery("periodic-test", Duration.ofHours(1),
                runs::incrementAndGet);
        try {
            assertThat(runs).hasValue(1);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aFailingRunDoesNotEndTheSchedule() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        ScheduledExecutorService executor = Periodic.runNowAndEvery("periodic-test", Duration.ofMillis(50), () -> {
            if (runs.incrementAndGet() == 2) {
                throw new IllegalStateException("the second check fails");
            }
        });
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (runs.get() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(runs.get()).isGreaterThanOrEqualTo(4);
        } finally {
            executor.shutdownNow();
        }
    }
}
