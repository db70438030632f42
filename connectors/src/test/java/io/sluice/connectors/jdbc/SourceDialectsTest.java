package io.sluice.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connectors.config.SourceType;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.junit.jupiter.api.Test;

class SourceDialectsTest {
    private static final SqlParserPos POS = SqlParserPos.ZERO;

    /** {@code SELECT * FROM lineitem AS t0 AS t3}, as Calcite 1.42 writes a nested EXISTS join's outer side. */
    private static SqlSelect doublyAliased() {
        SqlNode table = new SqlIdentifier("lineitem", POS);
        SqlNode once = SqlStdOperatorTable.AS.createCall(POS, table, new SqlIdentifier("t0", POS));
        SqlNode twice = SqlStdOperatorTable.AS.createCall(POS, once, new SqlIdentifier("t3", POS));
        return new SqlSelect(POS, null, SqlNodeList.SINGLETON_STAR, twice, null, null, null, null, null, null, null,
                null);
    }

    @Test
    void aTableAliasedTwiceIsWrittenAsASubQueryPostgresAndMariaDbParse() {
        assertThat(doublyAliased().toSqlString(SourceDialects.dialect(SourceType.POSTGRESQL)).getSql()
                .replaceAll("\\s+", " "))
                .isEqualTo("SELECT * FROM (SELECT * FROM \"lineitem\" AS \"t0\") AS \"t3\"");
        assertThat(doublyAliased().toSqlString(SourceDialects.dialect(SourceType.MYSQL)).getSql()
                .replaceAll("\\s+", " "))
                .isEqualTo("SELECT * FROM (SELECT * FROM `lineitem` AS `t0`) AS `t3`");
    }
}
