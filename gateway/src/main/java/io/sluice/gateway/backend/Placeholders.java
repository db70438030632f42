package io.sluice.gateway.backend;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL clients number their parameters ({@code $1}, {@code $2}, reused freely); Calcite's
 * parser knows only positional {@code ?}. This turns each {@code $n} outside strings, quoted
 * names and comments into a {@code ?} (wrapped in a CAST when the client declared its type) and
 * remembers which {@code $n} each {@code ?} stands for.
 *
 * @param sql        the statement with {@code ?} placeholders
 * @param occurrence for each {@code ?} in order, the 1-based {@code $n} it replaced
 * @param count      the highest {@code $n} used
 */
record Placeholders(String sql, List<Integer> occurrence, int count) {
    Placeholders {
        requireNonNull(sql, "sql is null");
        occurrence = List.copyOf(occurrence);
    }

    /** @param declaredTypes SQL type names for {@code $n} the client declared, by n */
    static Placeholders rewrite(String text, Map<Integer, String> declaredTypes) {
        StringBuilder out = new StringBuilder(text.length());
        List<Integer> occurrence = new ArrayList<>();
        int count = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int end = switch (c) {
                case '\'' -> closing(text, i, '\'');
                case '"' -> closing(text, i, '"');
                case '-' -> text.startsWith("--", i) ? lineEnd(text, i) : -1;
                case '/' -> text.startsWith("/*", i) ? commentEnd(text, i) : -1;
                case '$' -> dollarQuoteEnd(text, i);
                default -> -1;
            };
            if (end > i) {
                out.append(text, i, end);
                i = end;
                continue;
            }
            if (c == '$' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))
                    && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                int j = i + 1;
                while (j < text.length() && Character.isDigit(text.charAt(j))) {
                    j++;
                }
                int n = Integer.parseInt(text.substring(i + 1, j));
                occurrence.add(n);
                count = Math.max(count, n);
                String type = declaredTypes.get(n);
                out.append(type == null ? "?" : "CAST(? AS " + type + ")");
                i = j;
                continue;
            }
            out.append(c);
            i++;
        }
        return new Placeholders(out.toString(), occurrence, count);
    }

    /** The value for every {@code ?}, from the client's values for {@code $1..$n}. */
    List<Object> bind(List<Object> values) {
        List<Object> bound = new ArrayList<>(occurrence.size());
        for (int n : occurrence) {
            bound.add(values.get(n - 1));
        }
        return bound;
    }

    private static int closing(String text, int start, char quote) {
        int i = start + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    private static int lineEnd(String text, int start) {
        int newline = text.indexOf('\n', start);
        return newline < 0 ? text.length() : newline + 1;
    }

    private static int commentEnd(String text, int start) {
        int close = text.indexOf("*/", start + 2);
        return close < 0 ? text.length() : close + 2;
    }

    /** {@code $tag$ ... $tag$}; tags never start with a digit, so {@code $1} is not one. */
    private static int dollarQuoteEnd(String text, int start) {
        int j = start + 1;
        while (j < text.length() && (Character.isLetter(text.charAt(j)) || text.charAt(j) == '_'
                || (j > start + 1 && Character.isDigit(text.charAt(j))))) {
            j++;
        }
        if (j >= text.length() || text.charAt(j) != '$') {
            return -1;
        }
        String tag = text.substring(start, j + 1);
        int close = text.indexOf(tag, j + 1);
        return close < 0 ? text.length() : close + tag.length();
    }
}
