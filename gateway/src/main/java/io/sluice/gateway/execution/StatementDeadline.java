package io.sluice.gateway.execution;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * limits.statement_timeout for one statement. When it is reached the statement is cancelled,
 * and cancelled again a few times, a second apart, while it has not ended: a source query sent
 * just as a cancel went out can miss it (drivers ignore a cancel before their statement runs).
 * The repeats stop after {@value #CANCELS} cancels in all: a statement whose client merely holds
 * its open cursor fails at its next fetch anyway, and each cancel opens a connection to a source.
 * One clock serves every statement; the cancels run on virtual threads, so one slow source
 * does not hold up another statement's limit.
 */
final class StatementDeadline {
    static final int CANCELS = 5;
    private static final Duration CANCEL_AGAIN_AFTER = Duration.ofSeconds(1);
    private static final ScheduledThreadPoolExecutor CLOCK = clock();

    private final Runnable cancel;
    private final Duration again;
    private final int cancels;
    private final AtomicInteger cancelled = new AtomicInteger();
    private volatile boolean ended;
    private volatile ScheduledFuture<?> next;

    StatementDeadline(Runnable cancel, Duration again, int cancels) {
        this.cancel = requireNonNull(cancel, "cancel is null");
        this.again = requireNonNull(again, "again is null");
        this.cancels = cancels;
    }

    /** Starts the clock of a statement that may run for {@code limit} from now; {@code cancel} stops it. */
    static StatementDeadline start(Duration limit, Runnable cancel) {
        return new StatementDeadline(cancel, CANCEL_AGAIN_AFTER, CANCELS).arm(limit);
    }

    /** The statement ended: its clock stops. */
    void end() {
        ended = true;
        next.cancel(false);
    }

    StatementDeadline arm(Duration delay) {
        next = CLOCK.schedule(() -> Thread.startVirtualThread(this::expire), delay.toNanos(), TimeUnit.NANOSECONDS);
        return this;
    }

    private void expire() {
        if (ended) {
            return;
        }
        cancel.run();
        if (!ended && cancelled.incrementAndGet() < cancels) {
            arm(again);
        }
    }

    private static ScheduledThreadPoolExecutor clock() {
        ScheduledThreadPoolExecutor clock = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("sluice-statement-clock").factory());
        clock.setRemoveOnCancelPolicy(true);
        return clock;
    }
}
