package io.sluice.connectors.jdbc;

import io.sluice.connectors.config.SourceType;
import java.util.OptionalInt;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.dialect.MysqlSqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.dialect.SqliteSqlDialect;

/**
 * The SQL dialect each kind of source speaks. Chosen from configuration, not from the driver's
 * product name: Calcite does not recognise MariaDB, DuckDB or SQLite by themselves, and a wrong
 * guess silently produces SQL the source rejects.
 */
public final class SourceDialects {
    private SourceDialects() {}

    public static SqlDialect dialect(SourceType type) {
        return switch (type) {
            case POSTGRESQL -> PostgresqlSqlDialect.DEFAULT;
            case MYSQL -> MysqlSqlDialect.DEFAULT;
            case SQLITE -> NoCharsetSqlite.INSTANCE;
            case DUCKDB, FILES -> NoCharsetDuckDb.INSTANCE;
        };
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
