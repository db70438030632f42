package io.sluice.connectors.jdbc;

import io.sluice.connectors.config.SourceType;
import java.util.OptionalInt;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.dialect.MysqlSqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.dialect.SqliteSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The SQL dialect each kind of source speaks. Chosen from configuration, not from the driver's
 * product name: Calcite does not recognise MariaDB, DuckDB or SQLite by themselves, and a wrong
 * guess silently produces SQL the source rejects.
 */
public final class SourceDialects {
    private SourceDialects() {}

    public static SqlDialect dialect(SourceType type) {
        return switch (type) {
            case POSTGRESQL -> Postgresql.INSTANCE;
            case MYSQL -> Mysql.INSTANCE;
            case SQLITE -> NoCharsetSqlite.INSTANCE;
            case DUCKDB, FILES -> NoCharsetDuckDb.INSTANCE;
        };
    }

    /**
     * Whether a source of this dialect takes a dependent join's keys as one array parameter
     * ({@code k = ANY (?)}, see {@link KeyArray}) rather than one placeholder per key.
     */
    static boolean takesKeyArrays(SqlDialect dialect) {
        return dialect instanceof Postgresql;
    }

    /**
     * Calcite 1.42's SQL writer gives the outer side of an EXISTS join another alias even when
     * that side is itself an EXISTS join whose table has one, which no database parses:
     * {@code FROM "lineitem" AS "t0" AS "t3" WHERE EXISTS (...) AND NOT EXISTS (...)} (TPC-H
     * Q21). Written as a sub-query, each alias names a scope of its own: {@code FROM (SELECT *
     * FROM "lineitem" AS "t0") AS "t3"}; the writer refers to those columns unqualified.
     * True when {@code call} was such an alias and has been written.
     */
    static boolean unparseDoubleAlias(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
        if (call.getKind() != SqlKind.AS || call.operandCount() != 2 || call.operand(0).getKind() != SqlKind.AS) {
            return false;
        }
        SqlSelect scope = new SqlSelect(SqlParserPos.ZERO, null, SqlNodeList.SINGLETON_STAR, call.operand(0), null,
                null, null, null, null, null, null, null);
        SqlCall aliased = SqlStdOperatorTable.AS.createCall(SqlParserPos.ZERO, scope, call.operand(1));
        aliased.getOperator().unparse(writer, aliased, leftPrec, rightPrec);
        return true;
    }

    private static final class Postgresql extends PostgresqlSqlDialect {
        static final Postgresql INSTANCE = new Postgresql();

        private Postgresql() {
            super(PostgresqlSqlDialect.DEFAULT_CONTEXT);
        }

        @Override
        public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            if (!unparseDoubleAlias(writer, call, leftPrec, rightPrec)) {
                super.unparseCall(writer, call, leftPrec, rightPrec);
            }
        }
    }

    private static final class Mysql extends MysqlSqlDialect {
        static final Mysql INSTANCE = new Mysql();

        private Mysql() {
            super(MysqlSqlDialect.DEFAULT_CONTEXT);
        }

        @Override
        public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            if (!unparseDoubleAlias(writer, call, leftPrec, rightPrec)) {
                super.unparseCall(writer, call, leftPrec, rightPrec);
            }
        }
    }

    /**
     * DuckDB and SQLite reject {@code CAST(x AS VARCHAR CHARACTER SET "ISO-8859-1")}, which
     * Calcite writes for string casts (e.g. aligning the branches of a UNION) unless the dialect
     * says it has no character sets, as Calcite's PostgreSQL and MySQL dialects already do.
     */
    private static final class NoCharsetDuckDb extends DuckDBSqlDialect {
        static final NoCharsetDuckDb INSTANCE = new NoCharsetDuckDb();

        private NoCharsetDuckDb() {
            super(DuckDBSqlDialect.DEFAULT_CONTEXT);
        }

        @Override
        public boolean supportsCharSet() {
            return false;
        }
    }

    private static final class NoCharsetSqlite extends SqliteSqlDialect {
        static final NoCharsetSqlite INSTANCE = new NoCharsetSqlite();

        private NoCharsetSqlite() {
            super(SqliteSqlDialect.DEFAULT_CONTEXT);
        }

        @Override
        public boolean supportsCharSet() {
            return false;
        }
    }

    /**
     * Rows per round trip. PostgreSQL and MariaDB drivers otherwise read a whole result into
     * memory before returning the first row; a fetch size makes them stream (PostgreSQL also
     * needs auto-commit off, which the pool sets).
     */
    public static OptionalInt fetchSize(SourceType type) {
        return switch (type) {
            case POSTGRESQL, MYSQL -> OptionalInt.of(4096);
            case SQLITE, DUCKDB, FILES -> OptionalInt.empty();
        };
    }
}
