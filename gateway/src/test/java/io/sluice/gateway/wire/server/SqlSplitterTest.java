package io.sluice.gateway.wire.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlSplitterTest {
    @Test
    void splitsOnlyAtTopLevelSemicolons() {
        assertThat(SqlSplitter.split("SELECT 1; SELECT 2;")).containsExactly("SELECT 1", "SELECT 2");
        assertThat(SqlSplitter.split("SELECT 'a;b', \"c;d\" ; SELECT 'it''s;'")).containsExactly("SELECT 'a;b', \"c;d\"", "SELECT 'it''s;'");
        assertThat(SqlSplitter.split("SELECT E'x\\';y'; SELECT 2")).containsExactly("SELECT E'x\\';y'", "SELECT 2");
        assertThat(SqlSplitter.split("SELECT $$a;b$$, $tag$ ; $$ ; $tag$; SELECT 2"))
                .containsExactly("SELECT $$a;b$$, $tag$ ; $$ ; $tag$", "SELECT 2");
        assertThat(SqlSplitter.split("SELECT 1 -- c;\n; /* a; /* nested; */ still; */ SELECT 2"))
                .containsExactly("SELECT 1 -- c;", "SELECT 2");
        assertThat(SqlSplitter.split("SELECT a$b; SELECT $1")).containsExactly("SELECT a$b", "SELECT $1");
        assertThat(SqlSplitter.split(" ; -- only a comment\n ;")).isEmpty();
        assertThat(SqlSplitter.split("SELECT 'unterminated;")).containsExactly("SELECT 'unterminated;");
    }

    @Test
    void piecesKnowTheirOffsets() {
        List<SqlSplitter.Piece> pieces = SqlSplitter.pieces("SELECT 1;  /* x */ SELEKT 2");
        assertThat(pieces).containsExactly(new SqlSplitter.Piece("SELECT 1", 0), new SqlSplitter.Piece("SELEKT 2", 19));
    }
}
