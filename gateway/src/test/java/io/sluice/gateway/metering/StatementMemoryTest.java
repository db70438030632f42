package io.sluice.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.gateway.error.SluiceException;
import org.junit.jupiter.api.Test;

class StatementMemoryTest {
    private static final long MB = 1L << 20;

    @Test
    void goingOverTheStatementLimitFailsWith53200NamingTheHolder() {
        StatementMemory.Pool pool = new StatementMemory.Pool(100 * MB);
        StatementMemory memory = new StatementMemory(2 * MB, pool);
        memory.reserve(MB, "a sort");

        assertThatThrownBy(() -> memory.reserve(2 * MB, "a sort"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.state().code()).isEqualTo("53200"))
                .hasMessageContaining("memory limit of 2 MB (limits.statement_memory)")
                .hasMessageContaining("a sort");
    }

    @Test
    void statementsTogetherCannotTakeMoreThanThePool() {
        StatementMemory.Pool pool = new StatementMemory.Pool(3 * MB);
        StatementMemory first = new StatementMemory(10 * MB, pool);
        StatementMemory second = new StatementMemory(10 * MB, pool);
        first.reserve(2 * MB, "a sort");

        assertThatThrownBy(() -> second.reserve(2 * MB, "the build side of a hash join"))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("held by other running statements");

        first.close();
        second.close();
        assertThat(pool.available()).isEqualTo(3 * MB);
        StatementMemory third = new StatementMemory(10 * MB, pool);
        third.reserve(2 * MB, "a sort");
        assertThat(third.used()).isEqualTo(2 * MB);
    }

    @Test
    void theWholeReservationGoesBackWhenTheStatementEnds() {
        StatementMemory.Pool pool = new StatementMemory.Pool(64 * MB);
        StatementMemory memory = new StatementMemory(64 * MB, pool);
        for (int i = 0; i < 10_000; i++) {
            memory.reserve(1_000, "a window");
        }
        assertThat(pool.available()).isLessThan(64 * MB - 9 * MB);

        memory.close();

        assertThat(pool.available()).isEqualTo(64 * MB);
        assertThat(memory.used()).isZero();
    }
}
