package io.sluice.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GroupKeysTest {
    @Test
    void countsEachDistinctKeyOnceAcrossGrowth() {
        GroupKeys keys = new GroupKeys(new int[] {1});
        long fresh = IntStream.range(0, 50_000)
                .filter(i -> keys.isNew(new Object[] {"ignored " + i, i % 20_000}))
                .count();

        assertThat(fresh).isEqualTo(20_000);
    }

    @Test
    void keyOfSeveralColumnsIncludingNulls() {
        GroupKeys keys = new GroupKeys(new int[] {0, 2});

        assertThat(keys.isNew(new Object[] {1, "x", null})).isTrue();
        assertThat(keys.isNew(new Object[] {1, "y", null})).as("column 1 is not in the key").isFalse();
        assertThat(keys.isNew(new Object[] {null, "x", 1})).isTrue();
        assertThat(keys.isNew(new Object[] {1, "x", 1})).isTrue();
        assertThat(keys.isNew(new Object[] {null, "z", 1})).isFalse();
    }

    @Test
    void singleColumnRowsAreTheirOwnKey() {
        GroupKeys keys = new GroupKeys(new int[] {0});

        assertThat(keys.isNew("a")).isTrue();
        assertThat(keys.isNew("a")).isFalse();
        assertThat(keys.isNew("b")).isTrue();
    }
}
