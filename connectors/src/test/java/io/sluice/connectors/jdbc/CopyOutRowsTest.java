package io.sluice.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** COPY's text format, as PostgreSQL writes it for {@code COPY ... TO STDOUT}, read back into values. */
class CopyOutRowsTest {

    private static List<String> fields(String line, int columns) throws SQLException {
        return Arrays.stream(CopyOutRows.fields(line.getBytes(StandardCharsets.UTF_8), columns))
                .map(v -> v == null ? null : new String(v, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void valuesAreSplitAtTabsAndTheNewlineIsNotPartOfTheLast() throws SQLException {
        assertThat(fields("1\t2024-01-05\t12.50\tBUILDING\n", 4)).containsExactly("1", "2024-01-05", "12.50", "BUILDING");
    }

    @Test
    void backslashCapitalNIsNullAndAnEmptyValueIsAnEmptyString() throws SQLException {
        assertThat(fields("\\N\t\t\\N\n", 3)).containsExactly(null, "", null);
    }

    @Test
    void escapedControlCharactersAndBackslashesAreDataAgain() throws SQLException {
        // What PostgreSQL writes for the value: a<TAB>b\c<LF>d, then the two characters \N, then CR, BS, FF, VT.
        assertThat(fields("a\\tb\\\\c\\nd\t\\\\N\t\\r\\b\\f\\v\n", 3))
                .containsExactly("a\tb\\c\nd", "\\N", "\r\b\f\u000b");
    }

    @Test
    void multiByteCharactersPassUntouched() throws SQLException {
        assertThat(fields("Zürich\t東京\\t€\n", 2)).containsExactly("Zürich", "東京\t€");
    }

    @Test
    void aRowOfNoColumnsIsAnEmptyLine() throws SQLException {
        assertThat(CopyOutRows.fields("\n".getBytes(StandardCharsets.UTF_8), 0)).isEmpty();
    }

    @Test
    void aLineOfTheWrongWidthIsAnErrorNamingTheWidth() {
        assertThatThrownBy(() -> fields("1\t2\t3\n", 2)).isInstanceOf(SQLException.class)
                .hasMessageContaining("does not have the 2 values");
        assertThatThrownBy(() -> fields("1\n", 2)).isInstanceOf(SQLException.class)
                .hasMessageContaining("does not have the 2 values");
    }

    @Test
    void aLoneBackslashAtTheEndIsAnError() {
        assertThatThrownBy(() -> fields("1\tab\\", 2)).isInstanceOf(SQLException.class)
                .hasMessageContaining("lone backslash");
    }
}
