package io.sluice.gateway.wire.server;

import java.util.ArrayList;
import java.util.List;

/**
 * A small tokenizer for the statements the wire layer answers itself (session commands,
 * COPY): words (compared case-insensitively), 'strings', "identifiers", numbers and single symbols, with
 * their offsets; comments and whitespace skipped.
 */
final class SqlTokens {
    enum Kind {
        WORD,
        STRING,
        IDENTIFIER,
        NUMBER,
        SYMBOL
    }

    record Token(Kind kind, String text, int start, int end) {
        boolean is(String word) {
            return (kind == Kind.WORD || kind == Kind.SYMBOL) && text.equalsIgnoreCase(word);
        }
    }

    private SqlTokens() {}

    static List<Token> tokenize(String sql) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (SqlSplitter.startsComment(sql, i)) {
                i = SqlSplitter.skipToken(sql, i);
            } else if (c == '\'' || ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'')) {
                int start = i;
                boolean escapes = c != '\'';
                if (escapes) {
                    i++;
                }
                int end = SqlSplitter.skipToken(sql, i);
                String body = sql.substring(i + 1, Math.max(i + 1, end - 1));
                body = body.replace("''", "'");
                if (escapes) {
                    body = body.replace("\\\\", "\u0000").replace("\\'", "'").replace("\\n", "\n").replace("\\t", "\t").replace("\u0000", "\\");
                }
                out.add(new Token(Kind.STRING, body, start, end));
                i = end;
            } else if (c == '"') {
                int end = SqlSplitter.skipToken(sql, i);
                out.add(new Token(Kind.IDENTIFIER, sql.substring(i + 1, Math.max(i + 1, end - 1)).replace("\"\"", "\""), i, end));
                i = end;
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))
                    || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '.')) {
                    j++;
                }
                out.add(new Token(Kind.NUMBER, sql.substring(i, j), i, j));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == '$')) {
                    j++;
                }
                out.add(new Token(Kind.WORD, sql.substring(i, j), i, j));
                i = j;
            } else if (c == '$') {
                int end = SqlSplitter.skipToken(sql, i);
                out.add(new Token(end - i > 1 ? Kind.STRING : Kind.SYMBOL, sql.substring(i, end), i, end));
                i = end;
            } else {
                out.add(new Token(Kind.SYMBOL, String.valueOf(c), i, i + 1));
                i++;
            }
        }
        return out;
    }
}
