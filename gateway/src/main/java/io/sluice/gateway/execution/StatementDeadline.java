package io.sluice.gateway.execution;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * limits.statement_timeout for one statement. When it is reached the statement is cancelled,
 * and cancelled again every second until it ends: a source query sent just as a cancel went out
 * can miss it (drivers ignore a cancel before their statement runs). One clock serves every
 * statement; the cancels themselves run on virtual threads, since cancelling opens a connection
 * to each source and one slow source must not hold up another statement's limit.
 */
final class StatementDeadline {
    private static final Duration CANCEL_AGAIN_AFTER = Duration.ofSeconds(1);
    private static final ScheduledThreadPoolExecutor CLOCK = clock();

    private final ResultCursor cursor;
    private final Duration limit;
    private volatile boolean ended;
    private volatile ScheduledFuture<?> next;

    private StatementDeadline(ResultCursor cursor, Duration limit) {
        this.cursor = requireNonNull(cursor, "cursor is null");
        this.limit = requireNonNull(limit, "limit is null");
    }

    /** Starts the clock of {@code cursor}'s statement, which may run for {@code limit} from now. */
    static StatementDeadline start(ResultCursor cursor, Duration limit) {
        StatementDeadline deadline = new StatementDeadline(cursor, limit);
        deadline.arm(limit);
        return deadline;
    }

    /** The statement ended: its clock stops. */
    void end() {
        ended = true;
        next.cancel(false);
    }

    private void arm(Duration delay) {
        next = CLOCK.schedule(() -> Thread.startVirtualThread(this::expire), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void expire() {
        if (ended) {
            return;
        }
        cursor.timeOut(limit);
        if (!ended) {
            arm(CANCEL_AGAIN_AFTER);
        }
    }

    private static ScheduledThreadPoolExecutor clock() {
        ScheduledThreadPoolExecutor clock = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("sluice-statement-clock").factory());
        clock.setRemoveOnCancelPolicy(true);
        return clock;
    }
}
