package io.sluice.policies.engine;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The background check both engines keep: a bundle to reload, a revision to read again. */
final class Periodic {
    /** Below this the check would only burn CPU; editors and OPA do not change anything faster. */
    private static final long MIN_INTERVAL_MILLIS = 50;

    private static final Logger LOG = LoggerFactory.getLogger(Periodic.class);

    private Periodic() {}

    /**
     * Runs {@code task} now on the calling thread, then every {@code interval} on one daemon thread
     * (a daemon, so a forgotten {@code close()} never keeps the JVM alive). Shut the returned
     * executor down to stop it.
     */
    static ScheduledExecutorService runNowAndEvery(String threadName, Duration interval, Runnable task) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        task.run();
        long millis = Math.max(MIN_INTERVAL_MILLIS, interval.toMillis());
        // A task that throws would silently end a fixed-delay schedule; keep checking instead.
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("{} failed, will try again in {} ms", threadName, millis, e);
            }
        };
        executor.scheduleWithFixedDelay(guarded, millis, millis, TimeUnit.MILLISECONDS);
        return executor;
    }
}
