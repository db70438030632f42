package io.sluice.gateway.wire.server;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a simple-query string into statements at top-level semicolons, the way PostgreSQL's
 * lexer sees them: semicolons inside 'strings' (with '' escapes), E'strings' (with backslash
 * escapes), "identifiers", -- line comments, nested block comments and $tag$ dollar quotes do
 * not split. Statements that are empty or only comments are dropped.
 */
public final class SqlSplitter {
    /**
     * One statement of a query string.
     *
     * @param sql the statement without leading whitespace and comments and without trailing whitespace
     * @param offset character offset of {@code sql} in the whole query string (to shift error positions)
     */
    public record Piece(String sql, int offset) {}

    private SqlSplitter() {}

    public static List<String> split(String sql) {
        return pieces(sql).stream().map(Piece::sql).toList();
    }

    public static List<Piece> pieces(String sql) {
        List<Piece> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == ';') {
                add(out, sql, start, i);
                start = ++i;
            } else {
                i = skipToken(sql, i);
            }
        }
        add(out, sql, start, sql.length());
        return out;
    }

    private static void add(List<Piece> out, String sql, int start, int end) {
        int from = skipBlank(sql, start, end);
        if (from < end) {
            out.add(new Piece(sql.substring(from, end).stripTrailing(), from));
        }
    }

    /** The index of the first character at or after {@code from} that is not whitespace or part of a comment. */
    private static int skipBlank(String sql, int from, int end) {
        int i = from;
        while (i < end) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (startsComment(sql, i)) {
                i = Math.min(skipToken(sql, i), end);
            } else {
                return i;
            }
        }
        return end;
    }

    /** True when the text holds only whitespace and comments. */
    public static boolean isBlank(String sql) {
        return skipBlank(sql, 0, sql.length()) == sql.length();
    }

    static boolean startsComment(String sql, int i) {
        return i + 1 < sql.length() && ((sql.charAt(i) == '-' && sql.charAt(i + 1) == '-') || (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*'));
    }

    /** Returns the index just after the lexical unit starting at {@code i} (a quote, comment or one character). */
    static int skipToken(String sql, int i) {
        int n = sql.length();
        char c = sql.charAt(i);
        if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
            int end = sql.indexOf('\n', i);
            return end < 0 ? n : end + 1;
        }
        if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
            int depth = 1;
            int j = i + 2;
            while (j < n && depth > 0) {
                if (sql.startsWith("/*", j)) {
                    depth++;
                    j += 2;
                } else if (sql.startsWith("*/", j)) {
                    depth--;
                    j += 2;
                } else {
                    j++;
                }
            }
            return j;
        }
        if (c == '\'') {
            boolean backslashes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                    && (i < 2 || !Character.isLetterOrDigit(sql.charAt(i - 2)) && sql.charAt(i - 2) != '_');
            int j = i + 1;
            while (j < n) {
                char d = sql.charAt(j);
                if (backslashes && d == '\\') {
                    j += 2;
                } else if (d == '\'') {
                    if (j + 1 < n && sql.charAt(j + 1) == '\'') {
                        j += 2;
                    } else {
                        return j + 1;
                    }
                } else {
                    j++;
                }
            }
            return n;
        }
        if (c == '"') {
            int j = i + 1;
            while (j < n) {
                if (sql.charAt(j) == '"') {
                    if (j + 1 < n && sql.charAt(j + 1) == '"') {
                        j += 2;
                    } else {
                        return j + 1;
                    }
                } else {
                    j++;
                }
            }
            return n;
        }
        if (c == '$' && (i == 0 || !isIdentChar(sql.charAt(i - 1)))) {
            int j = i + 1;
            while (j < n && isIdentChar(sql.charAt(j)) && !(j == i + 1 && Character.isDigit(sql.charAt(j)))) {
                j++;
            }
            if (j < n && sql.charAt(j) == '$') {
                String tag = sql.substring(i, j + 1);
                int end = sql.indexOf(tag, j + 1);
                return end < 0 ? n : end + tag.length();
            }
            return i + 1;
        }
        if (isIdentChar(c)) {
            // Consume a whole word so that a dollar sign inside an identifier (a$b) is not a quote.
            int j = i + 1;
            while (j < n && (isIdentChar(sql.charAt(j)) || sql.charAt(j) == '$')) {
                j++;
            }
            // Keep E'...' together: stop before the quote so the quote rule sees the E prefix.
            return j;
        }
        return i + 1;
    }

    private static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
