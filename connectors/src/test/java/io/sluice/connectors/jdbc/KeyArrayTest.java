package io.sluice.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyArrayTest {
    @Test
    void wholeNumbersAreAnInt8Array() {
        KeyArray keys = new KeyArray(List.of(1L, -20L, 3_000_000_000L));

        assertThat(keys.getBaseTypeName()).isEqualTo("int8");
        assertThat(keys.getBaseType()).isEqualTo(Types.BIGINT);
        assertThat(keys).hasToString("{1,-20,3000000000}");
    }

    @Test
    void stringsAreQuotedWithQuotesAndBackslashesEscaped() {
        KeyArray keys = new KeyArray(List.of("plain", "with \"quote\"", "back\\slash", "", "NULL", "a,b}"));

        assertThat(keys.getBaseTypeName()).isEqualTo("varchar");
        assertThat(keys).hasToString("{\"plain\",\"with \\\"quote\\\"\",\"back\\\\slash\",\"\",\"NULL\",\"a,b}\"}");
    }
}
