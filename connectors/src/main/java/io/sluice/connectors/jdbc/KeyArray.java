package io.sluice.connectors.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.List;
import java.util.Map;

/**
 * A batch of a dependent join's keys bound to one placeholder as a PostgreSQL array. pgjdbc
 * sends an {@link Array} that is not its own as its text form, typed by
 * {@link #getBaseTypeName()}: {@code {1,2,3}} as {@code int8[]}, {@code {"a","b"}} as
 * {@code varchar[]} (the type a string placeholder has, so the comparison is the one an IN list
 * makes). Whole numbers go as {@code int8}: PostgreSQL compares them with integer columns of any
 * width and keeps to their indexes.
 *
 * @param keys the batch's keys, all whole numbers ({@link Long}) or all strings, none null
 */
record KeyArray(List<Object> keys) implements Array {
    KeyArray {
        keys = List.copyOf(keys);
    }

    private boolean numbers() {
        return !keys.isEmpty() && keys.getFirst() instanceof Number;
    }

    @Override
    public String getBaseTypeName() {
        return numbers() ? "int8" : "varchar";
    }

    @Override
    public int getBaseType() {
        return numbers() ? Types.BIGINT : Types.VARCHAR;
    }

    @Override
    public Object getArray() {
        return keys.toArray();
    }

    /** The array's literal; each string is quoted, with {@code "} and {@code \} escaped. */
    @Override
    public String toString() {
        StringBuilder literal = new StringBuilder(keys.size() * 8).append('{');
        for (Object key : keys) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            if (key instanceof Number number) {
                literal.append(number.longValue());
            } else {
                literal.append('"');
                String text = key.toString();
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '"' || c == '\\') {
                        literal.append('\\');
                    }
                    literal.append(c);
                }
                literal.append('"');
            }
        }
        return literal.append('}').toString();
    }

    @Override
    public Object getArray(Map<String, Class<?>> map) throws SQLException {
        throw unsupported();
    }

    @Override
    public Object getArray(long index, int count) throws SQLException {
        throw unsupported();
    }

    @Override
    public Object getArray(long index, int count, Map<String, Class<?>> map) throws SQLException {
        throw unsupported();
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        throw unsupported();
    }

    @Override
    public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
        throw unsupported();
    }

    @Override
    public ResultSet getResultSet(long index, int count) throws SQLException {
        throw unsupported();
    }

    @Override
    public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map) throws SQLException {
        throw unsupported();
    }

    @Override
    public void free() {}

    private static SQLException unsupported() {
        return new SQLFeatureNotSupportedException("a key batch is only ever sent whole, as text");
    }
}
