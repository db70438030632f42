package io.sluice.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {
    @Test
    void numberedParametersBecomePositionalInOrderOfAppearance() {
        Placeholders p = Placeholders.rewrite("select * from t where a = $2 and b = $1 or c = $2", Map.of());
        assertThat(p.sql()).isEqualTo("select * from t where a = ? and b = ? or c = ?");
        assertThat(p.occurrence()).containsExactly(2, 1, 2);
        assertThat(p.count()).isEqualTo(2);
        assertThat(p.bind(List.of("one", "two"))).containsExactly("two", "one", "two");
    }

    @Test
    void dollarSignsInsideStringsNamesCommentsAndDollarQuotesAreLeftAlone() {
        String sql = "select '$1', \"$2\", $$ $3 $$, $tag$ $4 $tag$ -- $5\n /* $6 */ from t where x = $1";
        Placeholders p = Placeholders.rewrite(sql, Map.of());
        assertThat(p.sql()).isEqualTo("select '$1', \"$2\", $$ $3 $$, $tag$ $4 $tag$ -- $5\n /* $6 */ from t where x = ?");
        assertThat(p.occurrence()).containsExactly(1);
    }

    @Test
    void declaredTypesBecomeCasts() {
        Placeholders p = Placeholders.rewrite("select $1, $2", Map.of(1, "INTEGER"));
        assertThat(p.sql()).isEqualTo("select CAST(? AS INTEGER), ?");
    }

    @Test
    void identifiersEndingInDigitsAreNotParameters() {
        Placeholders p = Placeholders.rewrite("select a$1 from t", Map.of());
        assertThat(p.sql()).isEqualTo("select a$1 from t");
        assertThat(p.count()).isZero();
    }
}
