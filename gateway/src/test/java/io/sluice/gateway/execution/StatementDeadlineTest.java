package io.sluice.gateway.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StatementDeadlineTest {
    private static final Duration SOON = Duration.ofMillis(10);

    @Test
    void aStatementThatDoesNotEndIsCancelledAFewTimesThenLeftAlone() throws Exception {
        AtomicInteger cancels = new AtomicInteger();
        new StatementDeadline(cancels::incrementAndGet, SOON, 3).arm(SOON);

        Thread.sleep(1_000); // a hundred times what three cancels 10 ms apart take

        assertThat(cancels).hasValue(3);
    }

    @Test
    void aStatementThatEndsInTimeIsNeverCancelled() throws Exception {
        AtomicInteger cancels = new AtomicInteger();
        StatementDeadline deadline = new StatementDeadline(cancels::incrementAndGet, SOON, 3)
                .arm(Duration.ofMillis(200));
        deadline.end();

        Thread.sleep(400);

        assertThat(cancels).hasValue(0);
    }

    @Test
    void aStatementThatEndsAfterTheFirstCancelIsNotCancelledAgain() throws Exception {
        AtomicInteger cancels = new AtomicInteger();
        StatementDeadline[] deadline = new StatementDeadline[1];
        deadline[0] = new StatementDeadline(() -> {
            cancels.incrementAndGet();
            deadline[0].end();
        }, SOON, 3);
        deadline[0].arm(SOON);

        Thread.sleep(500);

        assertThat(cancels).hasValue(1);
    }
}
