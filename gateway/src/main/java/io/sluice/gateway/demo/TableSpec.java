package io.sluice.gateway.demo;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;

/**
 * One table of demo data: its shape, keys and a generator that can write any slice ("part") of its rows.
 *
 * @param name          table name, lower case
 * @param columns       columns in load order
 * @param primaryKey    primary key columns
 * @param indexes       secondary indexes, each a list of columns
 * @param estimatedRows a cheap estimate used only to decide how many parts to load in parallel
 * @param rows          writes part {@code part} (1-based) of {@code partCount}
 */
record TableSpec(String name, List<Column> columns, List<String> primaryKey, List<List<String>> indexes,
                 long estimatedRows, Rows rows) {

    /** A column; {@code sqlType} is portable between PostgreSQL and MariaDB except as {@link #sqlType(Dialect)} says. */
    record Column(String name, String sqlType) {
        Column {
            requireNonNull(name, "name");
            requireNonNull(sqlType, "sqlType");
        }

        String sqlType(Dialect dialect) {
            // MariaDB's TIMESTAMP auto-updates and stops in 2038; DATETIME is the plain value type there.
            return dialect == Dialect.MARIADB && sqlType.equals("TIMESTAMP") ? "DATETIME" : sqlType;
        }
    }

    /** Writes the rows of one part. */
    @FunctionalInterface
    interface Rows {
        void write(RowWriter out, int part, int partCount) throws IOException;
    }

    enum Dialect { POSTGRES, MARIADB }

    TableSpec {
        requireNonNull(name, "name");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        indexes = indexes.stream().map(List::copyOf).toList();
        requireNonNull(rows, "rows");
    }

    List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    String createTableSql(String qualifiedName, Dialect dialect, boolean withPrimaryKey) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(qualifiedName).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            sql.append(i == 0 ? "" : ", ").append(column.name()).append(' ').append(column.sqlType(dialect))
                    .append(" NOT NULL");
        }
        if (withPrimaryKey) {
            sql.append(", PRIMARY KEY (").append(String.join(", ", primaryKey)).append(')');
        }
        sql.append(')');
        if (dialect == Dialect.MARIADB) {
            sql.append(" ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
        }
        return sql.toString();
    }
}
